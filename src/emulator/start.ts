/**
 * Starts an emulator: credential, seed (read), clock, state file (locked, loaded), the base account,
 * seed (applied), then the server. Anything that fails before the server listens releases the lock
 * again, so a failed start leaves nothing behind.
 */
import { once } from 'node:events';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { OffsetClock, type EmulatorClock } from './clock.js';
import { MemoryCredentialStore, resolveCredential } from './credential-store.js';
import { DATE_RANGE_TEXT, isStorableDate, parseIsoDate } from './dates.js';
import { FileLock, LockConflictError } from './file-lock.js';
import { NonceCache } from './nonce-cache.js';
import { DEFAULT_HOST, DEFAULT_REGION, DEFAULT_UID, type EmulatorOptions, type RunningEmulator } from './options.js';
import { isRegionId } from './region.js';
import { QUOTA_PRESETS } from './quota-board.js';
import { applySeed, type SeedResult } from './seed-apply.js';
import { checkSeedObject, loadSeedFile, type LoadedSeed } from './seed-load.js';
import { FaultInjector, loadFaultsFile } from './faults/index.js';
import { createEmulatorServer } from './server.js';
import { applyServerTimeouts } from './server-timeouts.js';
import { RequestStats } from './stats.js';
import { StateFileError, readStateFile, removeStaleTempFiles, writeStateFile } from './state-file.js';
import { resolveStatePath } from './state-path.js';
import { EmulatorStore } from './store.js';
import { accountDirectory } from './sts/account-directory.js';
import { parseOidcIssuerKeys, type OidcIssuerKey } from './sts/oidc-issuer-keys.js';
import { StsService } from './sts/sts-service.js';
import { prepareTls, type EmulatorTls } from './tls/emulator-tls.js';
import { TrafficControls } from './traffic-controls.js';

/** Starts a KMS emulator serving API version 2016-01-20 (and STS 2015-04-01) over HTTP, or HTTPS with `tls`; see EmulatorOptions. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port must be an integer from 0 to 65535, got ${port}`);
  const region = options.region ?? DEFAULT_REGION;
  if (!isRegionId(region)) throw new RangeError(`region ${JSON.stringify(region)} is not a region ID such as cn-hangzhou`);
  const startMs = startTime(options.now);
  const { credential, source } = resolveCredential(options, options.env ?? process.env);
  const credentials = new MemoryCredentialStore([credential]);
  const traffic = new TrafficControls({
    latency: { latencyMs: options.latencyMs ?? 0, jitterMs: options.latencyJitterMs ?? 0 },
    quota: { qps: options.qps, burst: options.qpsBurst },
    quotas: QUOTA_PRESETS[options.quotas ?? 'none'],
  });
  if (options.quotaGroups !== undefined) traffic.quotas.change(options.quotaGroups);
  const issuerKeys = oidcIssuerKeys(options.stsOidcIssuerKey);
  const seed = options.seed === undefined ? undefined : await readSeed(options.seed);
  // The base account: the option, else the seed's, else the state file's, else the default.
  const chosenUid = options.uid ?? seed?.seed.accountUid;
  if (chosenUid !== undefined && !/^\d{1,32}$/.test(chosenUid)) throw new RangeError(`the account UID must be 1 to 32 digits, such as ${DEFAULT_UID}; got ${JSON.stringify(chosenUid)}`);

  const clock = new OffsetClock({ startMs, frozen: options.freezeClock });
  // The real file behind any symbolic link: one state, one lock, per real file (state-path.ts).
  const statePath = options.statePath === undefined ? undefined : realStatePath(options.statePath);
  const lock = statePath === undefined ? undefined : lockStateFile(statePath);
  let tls: EmulatorTls | undefined;
  try {
    if (statePath !== undefined) removeStaleTempFiles(statePath); // debris of an emulator killed mid-write
    const saved = statePath === undefined ? undefined : readStateFile(statePath, chosenUid ?? DEFAULT_UID);
    const store = new EmulatorStore(clock, chosenUid ?? saved?.baseAccount ?? DEFAULT_UID);
    if (saved) store.load(saved);
    if (saved && chosenUid !== undefined && chosenUid !== saved.baseAccount) store.mutate((writer) => writer.setBaseAccount(chosenUid));
    // An explicit start time wins over the clock saved in the state file.
    if (saved && startMs !== undefined) store.mutate((writer) => writer.setClock(new Date(startMs)));
    const uid = store.baseAccount;
    const seedResult: SeedResult | undefined = seed === undefined ? undefined : applySeed(store, seed, { region });
    if (statePath !== undefined) {
      // Written now, so the file exists from the start and a directory that cannot take it fails the start.
      try {
        writeStateFile(statePath, store.snapshot());
      } catch (error) {
        throw new StateFileError(statePath, `it cannot be written (${(error as Error).message})`, 'Check that its directory exists and is writable.');
      }
      store.persistWith((state) => writeStateFile(statePath, state));
    }

    const stats = new RequestStats();
    const faults = new FaultInjector();
    if (options.faults !== undefined) faults.configure(typeof options.faults === 'string' ? await loadFaultsFile(resolve(options.faults)) : options.faults);
    const publicClock: EmulatorClock = {
      now: () => clock.now(),
      advance: (ms) => store.mutate((writer) => writer.advanceClock(ms)),
      set: (date) => store.mutate((writer) => writer.setClock(date)),
      frozen: clock.frozen,
    };
    const nonces = new NonceCache();
    const sts = new StsService({ credentials, nonces, realNow: Date.now }, accountDirectory(store), {
      maxDurationSeconds: options.stsMaxDurationSeconds,
      oidc: { issuerKeys, token: options.stsOidcToken },
      maxCredentials: options.stsMaxCredentials,
    });
    tls = options.tls ? prepareTls({ host, certOut: options.tlsCertOut, statePath }) : undefined;
    const server = createEmulatorServer({
      api: { store, stats, credentials, nonces, realNow: Date.now, defaultRegion: region, log: options.log, traffic, sts, faults },
      admin: { clock: publicClock, stats, traffic, faults },
      tls: tls && { key: tls.key, cert: tls.cert },
    });
    applyServerTimeouts(server, options.requestTimeoutMs);
    server.listen(port, host);
    await once(server, 'listening'); // rejects with the listen error (EADDRINUSE, ...)
    const address = server.address() as AddressInfo;
    let closing: Promise<void> | undefined;
    return {
      url: `${tls ? 'https' : 'http'}://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`,
      host: address.address,
      port: address.port,
      region,
      uid,
      accessKeyId: credential.accessKeyId,
      credentialSource: source,
      credentials,
      clock: publicClock,
      statePath,
      seedResult,
      stats: () => stats.snapshot(),
      faults,
      tlsCertPath: tls?.certPath,
      tlsCertificate: tls?.cert,
      traffic,
      oidc: { issuerKeys: issuerKeys.length, token: (options.stsOidcToken ?? '').trim() !== '' },
      close: () => {
        closing ??= new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        }).finally(() => {
          lock?.release();
          tls?.cleanup();
        });
        return closing;
      },
    };
  } catch (error) {
    lock?.release();
    tls?.cleanup();
    throw error;
  }
}

/** A seed file read and checked against the schema, or a seed object checked; applied once the state is loaded. */
function readSeed(seed: NonNullable<EmulatorOptions['seed']>): Promise<LoadedSeed> {
  return typeof seed === 'string' ? loadSeedFile(resolve(seed)) : checkSeedObject('<seed object>', seed);
}

function realStatePath(given: string): string {
  const resolved = resolveStatePath(given);
  if ('problem' in resolved) throw new StateFileError(resolve(given), resolved.problem);
  return resolved.path;
}

function lockStateFile(statePath: string): FileLock {
  try {
    return FileLock.acquire(`${statePath}.lock`);
  } catch (error) {
    if (error instanceof LockConflictError) throw error;
    throw new StateFileError(statePath, `its lock file cannot be created (${(error as Error).message})`, 'Check that its directory exists and is writable.');
  }
}

/** The OIDC issuer's keys from their text; a text with none usable is the caller's mistake (RangeError). */
function oidcIssuerKeys(text: string | undefined): OidcIssuerKey[] {
  if (text === undefined) return [];
  const parsed = parseOidcIssuerKeys(text);
  if ('problem' in parsed) throw new RangeError(`the OIDC issuer key cannot be used: ${parsed.problem}`);
  return parsed.keys;
}

function startTime(now: string | Date | undefined): number | undefined {
  if (now === undefined) return undefined;
  const ms = now instanceof Date ? now.getTime() : parseIsoDate(now);
  if (ms === undefined || Number.isNaN(ms)) throw new RangeError(`now must be an ISO 8601 time with a zone, such as 2026-01-01T00:00:00Z; got ${String(now)}`);
  if (!isStorableDate(ms)) throw new RangeError(`now must be within ${DATE_RANGE_TEXT}, the dates the emulator's state holds; got ${String(now)}`);
  return ms;
}
