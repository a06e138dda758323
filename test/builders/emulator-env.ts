/** The environment that points kmsctl (or its client) at an in-process emulator with the demo pair. */
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, type RunningEmulator } from '../../src/emulator/index.js';

export function emulatorEnv(emulator: Pick<RunningEmulator, 'url'>): Record<string, string> {
  return { KMSCTL_ENDPOINT: emulator.url, ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_ACCESS_KEY_SECRET };
}
