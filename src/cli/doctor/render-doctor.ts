/** `kmsctl doctor` output: text for people, JSON (schemas/doctor.schema.json) for machines, from one DoctorReport. */
import { SOURCE_NAMES } from '../../kms/credential-chain.js';
import { DOCTOR_FORMAT_VERSION, type AccountError, type AccountReport, type DoctorReport, type EndpointCheck, type RegionReport } from './doctor-report.js';

export function renderDoctorText(report: DoctorReport): string {
  const { credentials } = report;
  const lines: string[] = ['Credentials'];
  if (credentials.label !== undefined) lines.push(`  source:         ${credentials.label}`);
  if (credentials.accessKeyId !== undefined) {
    lines.push(`  access key ID:  ${credentials.accessKeyId}${credentials.temporary ? ' (temporary: STS credentials with a security token)' : ''}`);
  }
  if (credentials.sts) lines.push(`  STS endpoint:   ${credentials.sts.url} (${credentials.sts.origin})`);
  // The first line only: a missing-credentials message goes on to repeat the "looked at" list below.
  if (credentials.error) lines.push(`  error:          ${credentials.error.code}: ${credentials.error.message.split('\n')[0]}`);
  lines.push('  looked at, in order:');
  credentials.checks.forEach((check, index) => {
    lines.push(`    ${index + 1}. ${SOURCE_NAMES[check.source].padEnd(12)} ${check.status.padEnd(10)} ${check.detail}`);
  });
  lines.push('');
  if (report.config) {
    const { files, keys, errors } = report.config;
    lines.push(`Config: ${files.join(', ')} (${keys} key${keys === 1 ? '' : 's'}${errors > 0 ? `, ${errors} error${errors === 1 ? '' : 's'}` : ''})`);
  } else {
    lines.push('Config: none read (no -f and no kmsctl.yaml here); region from --region, ALIBABA_CLOUD_REGION_ID or the CLI profile');
  }
  lines.push(report.accounts.length > 0 ? 'Regions and endpoints of the base identity' : 'Regions and endpoints');
  if (report.regions.length === 0) lines.push('  (none)');
  for (const region of report.regions) lines.push(...regionLines(region));
  lines.push('');
  if (report.accounts.length > 0) {
    lines.push('Accounts');
    for (const account of report.accounts) lines.push(...accountLines(account));
    lines.push('');
  }
  if (report.ok) {
    lines.push('Result: OK, kmsctl can reach KMS with these credentials.');
  } else {
    lines.push(`Result: ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}:`);
    for (const problem of report.problems) lines.push(`  - ${indent(problem, 4)}`);
  }
  return `${lines.join('\n')}\n`;
}

function regionLines(region: RegionReport): string[] {
  const where = `${region.region} (${region.origin}${region.keys === undefined ? '' : `, ${region.keys} key${region.keys === 1 ? '' : 's'}`})`;
  const endpoint = `${region.endpoint}${region.endpointOrigin === 'region' ? '' : ` (${region.endpointOrigin})`}`;
  const check = region.check;
  const lines = [`  ${where}`, `    endpoint: ${endpoint}`, `    ${checkStatus(check)}`];
  if (check?.hint) lines.push(`    hint: ${check.hint}`);
  return lines;
}

function checkStatus(check: EndpointCheck | undefined): string {
  if (check === undefined) return 'not checked: no credentials';
  if (check.ok) return `OK: ListKeys answered, RequestId ${check.requestId ?? 'none'} (${check.durationMs} ms)`;
  return `FAILED: ${check.code}: ${check.message ?? ''}${check.requestId ? ` (RequestId ${check.requestId})` : ''}`;
}

/** An account: how it is reached, its credentials (access key ID masked), who STS says it is, each region of its keys. */
function accountLines(account: AccountReport): string[] {
  const how = account.roleArn !== undefined ? `role ${account.roleArn}` : account.profile !== undefined ? `CLI profile ${account.profile}` : 'base identity';
  const lines = [`  ${account.name} (${how}; ${account.keys} key${account.keys === 1 ? '' : 's'})${account.ok ? '' : ' FAILED'}`];
  const { credentials } = account;
  if (credentials.error !== undefined) {
    lines.push(`    credentials: FAILED: ${errorText(credentials.error)}`);
    return lines;
  }
  lines.push(`    credentials: ${credentials.source ?? 'unknown'}; access key ID ${credentials.accessKeyId ?? 'unknown'}`);
  if (account.identity !== undefined) {
    const { arn, identityType, requestId } = account.identity;
    lines.push(`    identity:    ${arn}${identityType ? ` (${identityType})` : ''}, RequestId ${requestId ?? 'none'}`);
  } else if (account.identityError !== undefined) {
    lines.push(`    identity:    FAILED: ${errorText(account.identityError)}`);
  }
  for (const region of account.regions) {
    lines.push(`    ${region.region} (${region.keys} key${region.keys === 1 ? '' : 's'}): ${checkStatus(region.check)}`);
    if (region.check?.hint) lines.push(`      hint: ${region.check.hint}`);
  }
  return lines;
}

function errorText(error: AccountError): string {
  const ids = [error.stsCode !== undefined && !error.message.includes(error.stsCode) ? `STS ${error.stsCode}` : undefined, error.requestId !== undefined && !error.message.includes(error.requestId) ? `RequestId ${error.requestId}` : undefined].filter(Boolean);
  return `${error.code}: ${error.message}${ids.length > 0 ? ` (${ids.join(', ')})` : ''}${error.hint ? `; ${error.hint}` : ''}`;
}

function indent(text: string, spaces: number): string {
  return text.split('\n').join(`\n${' '.repeat(spaces)}`);
}

/** The JSON document: snake_case, every field present, null for absent values. */
export function doctorToJson(report: DoctorReport, kmsctlVersion: string): Record<string, unknown> {
  const { credentials } = report;
  return {
    format_version: DOCTOR_FORMAT_VERSION,
    kmsctl_version: kmsctlVersion,
    ok: report.ok,
    credentials: {
      ok: credentials.ok,
      source: credentials.source ?? null,
      description: credentials.label ?? null,
      access_key_id: credentials.accessKeyId ?? null,
      temporary: credentials.temporary ?? null,
      sts_endpoint: credentials.sts ? { url: credentials.sts.url, origin: credentials.sts.origin } : null,
      looked_at: credentials.checks.map((check) => ({ source: check.source, status: check.status, detail: check.detail })),
      error: credentials.error ? { code: credentials.error.code, message: credentials.error.message } : null,
    },
    config: report.config ? { files: report.config.files, keys: report.config.keys, errors: report.config.errors } : null,
    regions: report.regions.map((region) => ({
      region: region.region,
      origin: region.origin,
      keys: region.keys ?? null,
      endpoint: region.endpoint,
      endpoint_origin: region.endpointOrigin,
      check: region.check ? checkToJson(region.check) : null,
    })),
    accounts: report.accounts.map(accountToJson),
    problems: report.problems,
  };
}

function accountToJson(account: AccountReport): Record<string, unknown> {
  const error = (e: AccountError | undefined) => (e === undefined ? null : { code: e.code, message: e.message, sts_code: e.stsCode ?? null, request_id: e.requestId ?? null, hint: e.hint ?? null });
  return {
    name: account.name,
    ok: account.ok,
    role_arn: account.roleArn ?? null,
    profile: account.profile ?? null,
    keys: account.keys,
    credentials: { source: account.credentials.source ?? null, access_key_id: account.credentials.accessKeyId ?? null, error: error(account.credentials.error) },
    identity: account.identity
      ? { account_id: account.identity.accountId, arn: account.identity.arn, identity_type: account.identity.identityType ?? null, request_id: account.identity.requestId ?? null }
      : null,
    identity_error: error(account.identityError),
    regions: account.regions.map((region) => ({ region: region.region, keys: region.keys, endpoint: region.endpoint, check: region.check ? checkToJson(region.check) : null })),
  };
}

function checkToJson(check: EndpointCheck): Record<string, unknown> {
  return { ok: check.ok, action: check.action, request_id: check.requestId ?? null, code: check.code ?? null, message: check.message ?? null, hint: check.hint ?? null, duration_ms: check.durationMs };
}
