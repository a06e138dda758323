/**
 * Executes a plan. Keys that get a version are handled concurrently with a bound; before each
 * CreateKeyVersion the key is read again and must look exactly as the plan observed it (another
 * pipeline may have rotated it meanwhile). Every key gets a result, also after failures and interrupts.
 */
import { KmsApiError, KmsTransportError } from '../kms/errors.js';
import { assertNever, type CreateKeyPlan, type KeyPlan, type Plan } from '../plan/types.js';
import type { RegionalKeyApis } from '../state/key-api.js';
import { readKey } from '../state/read-live-state.js';
import { runBounded } from '../state/run-bounded.js';
import { summarizeApply, type ApplyReport, type KeyApplyResult } from './apply-report.js';
import { createVersionWithRecovery } from './create-version.js';
import { observedDifferences, observeKey } from './observe.js';

export interface ApplyOptions {
  parallelism: number;
  signal?: AbortSignal | undefined;
  /** Called as each key's result is known, for live progress. */
  onResult?: ((result: KeyApplyResult) => void) | undefined;
  /** CreateKeyVersion calls per key at most, recoveries after ambiguous failures included. */
  createAttempts?: number | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
}

export async function applyPlan(plan: Plan, apis: RegionalKeyApis, options: ApplyOptions): Promise<ApplyReport> {
  const results: KeyApplyResult[] = plan.keys.map(resultWithoutCall);
  const creates = plan.keys.flatMap((key, index) => (key.action === 'create' ? [{ key, index }] : []));
  // A failure every key would meet (no route to the endpoint, credentials refused) starts no further key.
  const halt = new AbortController();
  await runBounded(
    creates,
    options.parallelism,
    async ({ key, index }) => {
      const result = await applyCreate(key, apis, options, () => halt.abort());
      results[index] = result;
      options.onResult?.(result);
    },
    options.signal ? AbortSignal.any([options.signal, halt.signal]) : halt.signal,
  );
  const interrupted = options.signal?.aborted === true;
  if (halt.signal.aborted && !interrupted) {
    results.forEach((result, index) => {
      if (result.outcome === 'not-started') results[index] = { ...result, message: 'not started: apply stopped after a failure every key would meet (see the failed key)' };
    });
  }
  return { results, summary: summarizeApply(results), interrupted };
}

/** The result of a key that needs no call; creates start as not-started until they run. */
function resultWithoutCall(key: KeyPlan): KeyApplyResult {
  const base = { name: key.name, keyId: key.keyId, region: key.region, planned: key.action };
  switch (key.action) {
    case 'no-op':
      return { ...base, outcome: 'no-op', message: key.reason };
    case 'deferred':
      return { ...base, outcome: 'deferred', message: `next version allowed from ${key.earliest}` };
    case 'error':
      return { ...base, outcome: 'failed', message: key.error.message, code: key.error.apiCode, requestId: key.error.requestId };
    case 'create':
      return { ...base, outcome: 'not-started', message: 'not started: the apply was interrupted first' };
    default:
      return assertNever(key, 'plan action');
  }
}

async function applyCreate(key: CreateKeyPlan, apis: RegionalKeyApis, options: ApplyOptions, halt: () => void): Promise<KeyApplyResult> {
  const base = { name: key.name, keyId: key.keyId, region: key.region, planned: key.action };
  const api = apis.forRegion(key.region);
  const observed = key.observed;
  // An interrupt cuts the re-read short (reads are idempotent): the key was not started, nothing was sent to create.
  const read = await readKey(api, observed?.keyId ?? key.keyId).catch((error: unknown) => {
    if (options.signal?.aborted) return undefined;
    // readKey throws only what every key would meet: this key fails with it, and no other key starts.
    if (!(error instanceof KmsApiError || error instanceof KmsTransportError)) throw error;
    halt();
    const message = error instanceof KmsApiError ? error.serviceMessage : error.message;
    return { status: 'failed' as const, code: errorFields(error).code ?? 'unknown', message, requestId: errorFields(error).requestId };
  });
  if (read === undefined) return resultWithoutCall(key);
  if (read.status !== 'found') {
    return { ...base, outcome: 'failed', message: `could not read the key again before creating: ${read.code}: ${read.message}`, code: read.code, requestId: read.requestId };
  }
  if (options.signal?.aborted) return resultWithoutCall(key);
  const now = observeKey(read.key);
  const differences = observed ? observedDifferences(observed, now) : [];
  if (differences.length > 0) {
    return { ...base, outcome: 'skipped', message: `changed since the plan (${differences.join('; ')}); nothing created, run "kmsctl plan" again` };
  }
  const result = await createVersionWithRecovery(api, now.keyId, new Set(now.versionIds), {
    attempts: options.createAttempts ?? 3,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    signal: options.signal,
  });
  switch (result.status) {
    case 'created': {
      const how = result.recovered ? ' (confirmed by listing after an ambiguous failure)' : '';
      return { ...base, outcome: 'created', versionId: result.versionId, recovered: result.recovered, requestId: result.requestId, message: `created version ${result.versionId}${how}` };
    }
    case 'refused':
      return refusedResult(base, result.error, api, now.keyId, new Set(now.versionIds));
    case 'unknown':
      return { ...base, outcome: 'failed', ...errorFields(result.error), message: `unknown whether a version was created (${errorText(result.error)}); run "kmsctl plan" to see the key's versions before applying again` };
    default:
      return assertNever(result, 'create result');
  }
}

/** A definite refusal. If another writer created a version meanwhile, the key is skipped, not failed. */
async function refusedResult(
  base: Omit<KeyApplyResult, 'outcome' | 'message'>,
  error: unknown,
  api: ReturnType<RegionalKeyApis['forRegion']>,
  keyId: string,
  before: ReadonlySet<string>,
): Promise<KeyApplyResult> {
  if (error instanceof KmsApiError && error.code.startsWith('Rejected.')) {
    const again = await readKey(api, keyId).catch(() => undefined);
    const appeared = again?.status === 'found' ? again.key.versions.filter((v) => !before.has(v.keyVersionId)) : [];
    if (appeared.length > 0) {
      return { ...base, outcome: 'skipped', ...errorFields(error), message: `another writer created version ${appeared.map((v) => v.keyVersionId).join(', ')} meanwhile; nothing created` };
    }
  }
  return { ...base, outcome: 'failed', ...errorFields(error), message: errorText(error) };
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
