/** `kmsctl doctor` output: text for people, JSON (schemas/doctor.schema.json) for machines, from one DoctorReport. */
import { SOURCE_NAMES } from '../../kms/credential-chain.js';
import { DOCTOR_FORMAT_VERSION, type DoctorReport, type RegionReport } from './doctor-report.js';

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
  lines.push('Regions and endpoints');
  if (report.regions.length === 0) lines.push('  (none)');
  for (const region of report.regions) lines.push(...regionLines(region));
  lines.push('');
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
  const status =
    check === undefined ? 'not checked: no credentials'
    : check.ok ? `OK: ListKeys answered, RequestId ${check.requestId ?? 'none'} (${check.durationMs} ms)`
    : `FAILED: ${check.code}: ${check.message ?? ''}${check.requestId ? ` (RequestId ${check.requestId})` : ''}`;
  const lines = [`  ${where}`, `    endpoint: ${endpoint}`, `    ${status}`];
  if (check?.hint) lines.push(`    hint: ${check.hint}`);
  return lines;
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
      check: region.check
        ? {
            ok: region.check.ok,
            action: region.check.action,
            request_id: region.check.requestId ?? null,
            code: region.check.code ?? null,
            message: region.check.message ?? null,
            hint: region.check.hint ?? null,
            duration_ms: region.check.durationMs,
          }
        : null,
    })),
    problems: report.problems,
  };
}
