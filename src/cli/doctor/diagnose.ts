/**
 * `kmsctl doctor`'s checks, in the order a failing pipeline needs them: which credential source the
 * chain picks (and what it found at the others), the identity (masked), the regions of the base
 * identity's keys (from the config when there is one, else --region / ALIBABA_CLOUD_REGION_ID / the CLI
 * profile), their endpoints, whether each endpoint answers a cheap signed call, and every account of
 * the config (check-accounts.ts). Every failure becomes a problem sentence.
 */
import { createKmsClients, type KmsClients } from '../../kms/client-factory.js';
import { createCredentialChain, type CredentialChain } from '../../kms/credential-chain.js';
import { ENDPOINT_ENV_VAR } from '../../kms/endpoint.js';
import { AccountCredentialsError, KmsApiError, KmsConfigError, KmsTransportError } from '../../kms/errors.js';
import type { QuotaOverrides } from '../../kms/pair-traffic.js';
import type { SignatureVersion } from '../../kms/request-signer.js';
import { profileFileProblem } from '../../operations/profile-file.js';
import { clientSpec } from '../../operations/run-accounts.js';
import { hintFor } from '../views/failure-hints.js';
import { accountProblems, checkAccounts } from './check-accounts.js';
import { findRegions } from './doctor-scope.js';
import type { CredentialsReport, DoctorReport, EndpointCheck, EndpointOriginName, RegionReport } from './doctor-report.js';

export interface DoctorInput {
  files: string[];
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  region?: string | undefined;
  endpoint?: string | undefined;
  profile?: string | undefined;
  stsEndpoint?: string | undefined;
  signatureVersion?: SignatureVersion | undefined;
  quotas?: QuotaOverrides | undefined;
  /** `--account`: only these accounts of the config (and not the base identity's regions); empty: every account. */
  accounts?: readonly string[] | undefined;
  signal?: AbortSignal | undefined;
  homeDir?: string | undefined;
}

export async function diagnose(input: DoctorInput): Promise<DoctorReport> {
  const problems: string[] = [];
  const profileProblem = await profileFileProblem(input.env);
  if (profileProblem !== undefined) {
    problems.push(`${profileProblem.summary}: ${profileProblem.detail ?? ''}.`);
    return { ok: false, credentials: { ok: false, source: undefined, label: undefined, accessKeyId: undefined, temporary: undefined, sts: undefined, checks: [], error: { code: profileProblem.code, message: profileProblem.summary } }, config: undefined, regions: [], accounts: [], problems };
  }
  const chain = createCredentialChain({ env: input.env, profile: input.profile, stsEndpoint: input.stsEndpoint, homeDir: input.homeDir });
  const credentials = await checkCredentials(chain, problems);
  const { config, regions, accounts } = await findRegions(input, problems);

  let clients: KmsClients | undefined;
  try {
    clients = createKmsClients({
      endpoint: input.endpoint,
      env: input.env,
      credentials: chain,
      accounts: Object.fromEntries(accounts.map((account) => [account.spec.name, clientSpec(account.spec)])),
      stsEndpoint: input.stsEndpoint,
      signatureVersion: input.signatureVersion,
      quotas: input.quotas,
      signal: input.signal,
      retry: { maxAttempts: 2 },
      timeouts: { deadlineMs: 20_000 },
    });
  } catch (error) {
    if (!(error instanceof KmsConfigError)) throw error;
    problems.push(`${error.message}.`);
  }
  const reports: RegionReport[] = [];
  try {
    for (const { region, origin, keys } of regions) {
      if (!clients) break;
      const endpointOrigin: EndpointOriginName = input.endpoint?.trim() ? '--endpoint' : input.env[ENDPOINT_ENV_VAR]?.trim() ? ENDPOINT_ENV_VAR : 'region';
      reports.push({ region, origin, keys, endpoint: clients.endpointFor(region), endpointOrigin, check: undefined });
    }
    const accountChecks = clients === undefined ? Promise.resolve([]) : checkAccounts(clients, accounts, checkEndpoint);
    if (clients && credentials.ok) {
      const checks = await Promise.all(reports.map((report) => checkEndpoint(clients!, undefined, report.region)));
      checks.forEach((check, index) => {
        const report = reports[index]!;
        report.check = check;
        if (!check.ok) problems.push(`${report.endpoint} (${report.region}) did not accept ListKeys: ${check.code}${check.hint ? `; ${check.hint}` : ''}.`);
      });
    }
    const accountReports = await accountChecks;
    for (const account of accountReports) problems.push(...accountProblems(account));
    return { ok: problems.length === 0, credentials, config, regions: reports, accounts: accountReports, problems };
  } finally {
    await clients?.close();
  }
}

async function checkCredentials(chain: CredentialChain, problems: string[]): Promise<CredentialsReport> {
  const report = await chain.report();
  const base: CredentialsReport = {
    ok: false,
    source: report.selected?.source,
    label: report.selected?.label,
    accessKeyId: undefined,
    temporary: undefined,
    sts: report.selected?.sts && { url: report.selected.sts.url, origin: report.selected.sts.origin },
    checks: report.checks,
    error: undefined,
  };
  if (report.error) {
    problems.push(report.error.code === 'credentials.missing' ? 'No credentials were found (see "looked at" for each source).' : `${report.error.message}.`);
    return { ...base, error: { code: report.error.code, message: report.error.message } };
  }
  try {
    const identity = await chain.describe();
    return { ...base, ok: true, accessKeyId: identity.accessKeyId, temporary: identity.hasSecurityToken };
  } catch (error) {
    if (!(error instanceof KmsConfigError)) throw error;
    problems.push(`${error.message}.`);
    return { ...base, error: { code: error.code, message: error.message } };
  }
}

/** A signed ListKeys (PageSize=1) in a region, as an account (undefined: the base identity). */
async function checkEndpoint(clients: KmsClients, account: string | undefined, region: string): Promise<EndpointCheck> {
  const started = Date.now();
  const done = (fields: Omit<EndpointCheck, 'action' | 'durationMs' | 'hint'>): EndpointCheck => ({ ...fields, action: 'ListKeys', durationMs: Date.now() - started, hint: fields.ok ? undefined : hintFor(fields.code ?? '') });
  try {
    const page = await clients.forLocation({ account, region }).listKeysPage(1, 1);
    return done({ ok: true, requestId: page.requestId || undefined, code: undefined, message: undefined });
  } catch (error) {
    if (error instanceof KmsApiError) return done({ ok: false, requestId: error.requestId || undefined, code: error.code, message: error.serviceMessage });
    if (error instanceof KmsTransportError) return done({ ok: false, requestId: undefined, code: `transport.${error.kind}`, message: error.message });
    if (error instanceof KmsConfigError) return done({ ok: false, requestId: requestIdOf(error), code: error.code, message: error.message });
    throw error;
  }
}

function requestIdOf(error: KmsConfigError): string | undefined {
  return error instanceof AccountCredentialsError ? error.requestId : undefined;
}
