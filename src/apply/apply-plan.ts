/**
 * Executes a plan. Keys that get a version are handled per (account, region), every location at once
 * with its own concurrency and all within `parallelism`, each through its own account's client. Before
 * each CreateKeyVersion the key is read again (see reread.ts) and must look as the plan observed it
 * (another pipeline may have rotated it meanwhile). A failure every key of a location would meet starts
 * no further key there and leaves the other locations alone. Every key gets a result, also after
 * failures and interrupts.
 */
import { KmsApiError, KmsTransportError } from '../kms/errors.js';
import { assertNever, type CreateKeyPlan, type KeyPlan, type Plan } from '../plan/types.js';
import { asKeyApis, locationName, locationRef, type KeyApi, type KeyApis, type KeyLocation, type RegionalKeyApis } from '../state/key-api.js';
import { readKey } from '../state/read-key.js';
import { classifyReadFailure, type ReadFailure } from '../state/read-failure.js';
import { groupByLocation, runByLocation } from '../state/run-by-location.js';
import { summarizeApply, type ApplyReport, type KeyApplyResult, type KeyOutcome } from './apply-report.js';
import { createVersionWithRecovery } from './create-version.js';
import { observedDifferences } from './observe.js';
import { rereadForCreate, type Reread } from './reread.js';

export interface ApplyOptions {
  /** Keys handled at once over all locations. */
  parallelism: number;
  /** Keys handled at once per location; default `parallelism`. */
  perLocation?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Called as each key's result is known, for live progress. */
  onResult?: ((result: KeyApplyResult) => void) | undefined;
  /** CreateKeyVersion calls per key at most, recoveries after ambiguous failures included. */
  createAttempts?: number | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
}

/** What a key's result says of the key, whatever happened to it. */
type Base = Pick<KeyApplyResult, 'name' | 'keyId' | 'account' | 'region' | 'planned'>;
/** What a result may add: the new version, or the service's error code and request ID. */
type Details = Pick<KeyApplyResult, 'versionId' | 'recovered' | 'code' | 'requestId'>;

/**
 * A key's result as one literal, every field in its place: in Node 20 an object spread from another
 * and then given properties of its own gets a hidden class of its own (README, "Memory"), which an
 * apply of 10,000 keys would keep for each of them.
 */
function keyResult(base: Base, outcome: KeyOutcome, message: string, details: Details = {}): KeyApplyResult {
  const { name, keyId, account, region, planned } = base;
  return { name, keyId, account, region, planned, outcome, message, versionId: details.versionId, recovered: details.recovered, code: details.code, requestId: details.requestId };
}

export async function applyPlan(plan: Plan, apis: KeyApis | RegionalKeyApis, options: ApplyOptions): Promise<ApplyReport> {
  const keyApis = asKeyApis(apis);
  const results: KeyApplyResult[] = plan.keys.map(resultWithoutCall);
  const creates = plan.keys.flatMap((key, index) => (key.action === 'create' ? [{ key, index }] : []));
  const groups = groupByLocation(creates, ({ key }) => ({ account: key.account, region: key.region }));
  const halted = new Map<string, ReadFailure>();
  await runByLocation(groups, options, async ({ key, index }, { location, halt }) => {
    const result = await applyCreate(key, keyApis, location, options, (failure) => {
      halt();
      if (!halted.has(locationRef(location))) halted.set(locationRef(location), failure);
    });
    results[index] = result;
    options.onResult?.(result);
  });
  const interrupted = options.signal?.aborted === true;
  if (!interrupted) {
    results.forEach((result, index) => {
      const key = plan.keys[index];
      const failure = key === undefined ? undefined : halted.get(locationRef({ account: key.account, region: key.region }));
      if (result.outcome !== 'not-started' || key === undefined || failure === undefined) return;
      const message = `not started: apply stopped after a failure every key would meet in ${locationName(key)} (${failure.code}: ${failure.message}; see the failed key)`;
      results[index] = keyResult(result, 'not-started', message, { code: failure.code, requestId: failure.requestId });
    });
  }
  return { results, summary: summarizeApply(results), interrupted };
}

/** The result of a key that needs no call; creates start as not-started until they run. */
function resultWithoutCall(key: KeyPlan): KeyApplyResult {
  const base: Base = { name: key.name, keyId: key.keyId, account: key.account, region: key.region, planned: key.action };
  switch (key.action) {
    case 'no-op':
      return keyResult(base, 'no-op', key.reason);
    case 'deferred':
      return keyResult(base, 'deferred', `next version allowed from ${key.earliest}`);
    case 'error':
      return keyResult(base, 'failed', key.error.message, { code: key.error.apiCode, requestId: key.error.requestId });
    case 'create':
      return keyResult(base, 'not-started', 'not started: the apply was interrupted first');
    default:
      return assertNever(key, 'plan action');
  }
}

async function applyCreate(
  key: CreateKeyPlan,
  apis: KeyApis,
  location: KeyLocation,
  options: ApplyOptions,
  haltLocation: (failure: ReadFailure) => void,
): Promise<KeyApplyResult> {
  const base: Base = { name: key.name, keyId: key.keyId, account: key.account, region: key.region, planned: key.action };
  const checked = await readBeforeCreate(apis, location, key).catch((error: unknown) => {
    // An interrupt cuts the re-read short (reads are idempotent): the key was not started, nothing was sent to create.
    if (options.signal?.aborted) return { result: resultWithoutCall(key) };
    // What reaches here every key of the location would meet: this key fails with it, and no other key there starts.
    const failure = classifyReadFailure(error);
    haltLocation(failure);
    return { result: readFailedResult(base, failure) };
  });
  if ('result' in checked) return checked.result;
  const { api, read } = checked;
  if (read.status !== 'found') return readFailedResult(base, read);
  if (options.signal?.aborted) return resultWithoutCall(key);
  const differences = key.observed ? observedDifferences(key.observed, read.now) : [];
  if (differences.length > 0) {
    return keyResult(base, 'skipped', `changed since the plan (${differences.join('; ')}); nothing created, run "kmsctl plan" again`);
  }
  const result = await createVersionWithRecovery(api, read.now.keyId, read.versionIds, {
    attempts: options.createAttempts ?? 3,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    signal: options.signal,
  });
  switch (result.status) {
    case 'created': {
      const how = result.recovered ? ' (confirmed by listing after an ambiguous failure)' : '';
      return keyResult(base, 'created', `created version ${result.versionId}${how}`, { versionId: result.versionId, recovered: result.recovered, requestId: result.requestId });
    }
    case 'refused':
      return refusedResult(base, result.error, api, read.now.keyId, read.versionIds);
    case 'unknown':
      return keyResult(base, 'failed', `unknown whether a version was created (${errorText(result.error)}); run "kmsctl plan" to see the key's versions before applying again`, errorFields(result.error));
    default:
      return assertNever(result, 'create result');
  }
}

/** The key's own account's client (never another account's), and the key read again. */
async function readBeforeCreate(apis: KeyApis, location: KeyLocation, key: CreateKeyPlan): Promise<{ api: KeyApi; read: Reread }> {
  const api = apis.forLocation(location);
  return { api, read: await rereadForCreate(api, key) };
}

function readFailedResult(base: Base, failure: { code: string; message: string; requestId: string | undefined }): KeyApplyResult {
  return keyResult(base, 'failed', `could not read the key again before creating: ${failure.code}: ${failure.message}`, { code: failure.code, requestId: failure.requestId });
}

/** A definite refusal. If another writer created a version meanwhile, the key is skipped, not failed. */
async function refusedResult(base: Base, error: unknown, api: KeyApi, keyId: string, before: ReadonlySet<string>): Promise<KeyApplyResult> {
  if (error instanceof KmsApiError && error.code.startsWith('Rejected.')) {
    const again = await readKey(api, keyId).catch(() => undefined);
    const appeared = again?.status === 'found' ? again.key.versions.filter((v) => !before.has(v.keyVersionId)) : [];
    if (appeared.length > 0) {
      return keyResult(base, 'skipped', `another writer created version ${appeared.map((v) => v.keyVersionId).join(', ')} meanwhile; nothing created`, errorFields(error));
    }
  }
  return keyResult(base, 'failed', errorText(error), errorFields(error));
}

function errorFields(error: unknown): { code?: string; requestId?: string } {
  if (error instanceof KmsApiError) return { code: error.code, requestId: error.requestId };
  if (error instanceof KmsTransportError) return { code: `transport.${error.kind}` };
  return {};
}

function errorText(error: unknown): string {
  if (error instanceof KmsApiError) return `${error.code}: ${error.serviceMessage}`;
  return error instanceof Error ? error.message : String(error);
}
