/**
 * `kmsctl doctor`'s checks of the config's accounts, each on its own and all at once: its credentials
 * (assuming its role, or reading its profile), who STS says it is (GetCallerIdentity), and a signed
 * ListKeys in each region of its keys through that account's client. An account whose role cannot be
 * assumed says which role, STS's code and request ID; the other accounts are checked all the same.
 */
import type { AccountSpec } from '../../config/desired-state.js';
import type { KmsClients } from '../../kms/client-factory.js';
import { AccountCredentialsError, KmsApiError, KmsConfigError, KmsTransportError } from '../../kms/errors.js';
import { hintFor } from '../views/failure-hints.js';
import type { AccountError, AccountReport, EndpointCheck } from './doctor-report.js';

export interface AccountToCheck {
  spec: AccountSpec;
  /** The regions of the account's keys, with how many keys each. */
  regions: ReadonlyMap<string, number>;
}

export async function checkAccounts(clients: KmsClients, accounts: readonly AccountToCheck[], checkEndpoint: (clients: KmsClients, account: string | undefined, region: string) => Promise<EndpointCheck>): Promise<AccountReport[]> {
  return Promise.all(accounts.map((account) => checkAccount(clients, account, checkEndpoint)));
}

async function checkAccount(clients: KmsClients, { spec, regions }: AccountToCheck, checkEndpoint: (clients: KmsClients, account: string | undefined, region: string) => Promise<EndpointCheck>): Promise<AccountReport> {
  const name = spec.name;
  const report: AccountReport = {
    name,
    roleArn: spec.roleArn,
    profile: spec.profile,
    keys: [...regions.values()].reduce((sum, n) => sum + n, 0),
    credentials: { source: undefined, accessKeyId: undefined, error: undefined },
    identity: undefined,
    identityError: undefined,
    regions: [...regions].map(([region, keys]) => ({ region, keys, endpoint: clients.endpointFor({ account: name, region }), check: undefined })),
    ok: false,
  };
  try {
    const described = await clients.describeCredentials(name);
    report.credentials = { source: described.source, accessKeyId: described.accessKeyId, error: undefined };
  } catch (error) {
    report.credentials.error = accountError(error);
    return report;
  }
  try {
    const { value, requestId } = await clients.getCallerIdentity(name);
    report.identity = { accountId: value.accountId, arn: value.arn, identityType: value.identityType, requestId: requestId || undefined };
  } catch (error) {
    report.identityError = accountError(error);
  }
  const checks = await Promise.all(report.regions.map((region) => checkEndpoint(clients, name, region.region)));
  checks.forEach((check, index) => (report.regions[index]!.check = check));
  report.ok = report.identityError === undefined && checks.every((check) => check.ok);
  return report;
}

/** What a failed call of an account says: kmsctl's or the service's code, and STS's code and request ID for a role. */
function accountError(error: unknown): AccountError {
  if (error instanceof AccountCredentialsError) return { code: error.code, message: error.message, stsCode: error.stsCode, requestId: error.requestId, hint: undefined };
  if (error instanceof KmsConfigError) return { code: error.code, message: error.message, stsCode: undefined, requestId: undefined, hint: undefined };
  if (error instanceof KmsApiError) return { code: error.code, message: error.serviceMessage, stsCode: undefined, requestId: error.requestId || undefined, hint: hintFor(error.code) };
  if (error instanceof KmsTransportError) return { code: `transport.${error.kind}`, message: error.message, stsCode: undefined, requestId: undefined, hint: hintFor(`transport.${error.kind}`) };
  throw error;
}

/** The sentences doctor's summary gives for an account that is not OK. */
export function accountProblems(report: AccountReport): string[] {
  const where = `Account ${report.name}${report.roleArn ? ` (role ${report.roleArn})` : report.profile ? ` (profile ${report.profile})` : ''}`;
  const { error } = report.credentials;
  if (error !== undefined) return [sentence(`${where}: its credentials could not be had: ${error.code}: ${error.message}`)];
  const problems: string[] = [];
  if (report.identityError !== undefined) problems.push(sentence(`${where}: GetCallerIdentity failed: ${report.identityError.code}: ${report.identityError.message}`));
  for (const region of report.regions) {
    if (region.check !== undefined && !region.check.ok) problems.push(sentence(`${where}: ${region.endpoint} (${region.region}) did not accept ListKeys: ${region.check.code}${region.check.hint ? `; ${region.check.hint}` : ''}`));
  }
  return problems;
}

/** The text ending with one full stop, also when a service message brings its own. */
function sentence(text: string): string {
  return text.endsWith('.') ? text : `${text}.`;
}
