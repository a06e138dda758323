/**
 * The local KMS emulator: a real HTTP server on loopback that serves the KMS RPC API (2016-01-20) and
 * STS, verifies V1 and V3 signatures, and enforces the service's rules (both editions of them, with KMS
 * instances), its quotas and its error dialect, for several accounts, so kmsctl and the official SDKs
 * can be exercised without a cloud account.
 *
 * ```ts
 * const emulator = await startEmulator({ port: 0, seed: 'examples/seeds/demo.yaml' });
 * // ... point a client at emulator.url with emulator.accessKeyId and its secret ...
 * emulator.clock.advance(7 * 86_400_000);
 * await emulator.close();
 * ```
 */
export { startEmulator } from './start.js';
export { DEFAULT_HOST, DEFAULT_REGION, DEFAULT_UID } from './options.js';
export type { EmulatorOptions, RunningEmulator } from './options.js';
export type { EmulatorClock } from './clock.js';
export {
  ACCESS_KEY_ID_ENV,
  ACCESS_KEY_SECRET_ENV,
  DEMO_ACCESS_KEY_ID,
  DEMO_ACCESS_KEY_SECRET,
  MemoryCredentialStore,
} from './credential-store.js';
export type { Credential, CredentialSource, CredentialStore } from './credential-store.js';
export type { SeedAccount, SeedDocument, SeedInstance, SeedKey, SeedVersion, SeedDate } from './seed-types.js';
export type { SeedResult } from './seed-apply.js';
export { SeedError, formatProblem as formatSeedProblem, type SeedProblem } from './seed-load.js';
export { StateFileError } from './state-file.js';
export { LockConflictError } from './file-lock.js';
export type { QuotaGroupCount, StatsSnapshot } from './stats.js';
export { QUOTA_PRESETS, isQuotaPreset, parseQuotaAssignment, type QuotaChanges, type QuotaPreset } from './quota-board.js';
export { defaultInstances } from './instances.js';
export type { TrafficControls, TrafficDescription } from './traffic-controls.js';
export { ADMIN_PREFIX } from './admin.js';
export { FaultConfigError, FaultInjector, type FaultConfig, type FaultRule, type FaultStats } from './faults/index.js';
