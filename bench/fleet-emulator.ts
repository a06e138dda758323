/**
 * An emulator holding one benchmark fleet, in the benchmark's own process, with the clients that built
 * it. It starts with no quotas and no latency, so the fleet fills fast; each measured run turns the
 * published quotas and the latency on and off again (run-recorder.ts).
 */
import { DEMO_ACCESS_KEY_SECRET, startEmulator, type RunningEmulator } from '../dist/emulator/index.js';
import { createKmsClients, type KmsClients } from '../dist/kms/client-factory.js';
import { StaticCredentialsProvider } from '../dist/kms/credentials.js';
import { QUOTA_GROUPS } from '../dist/kms/wire/quotas.js';
import { BENCH_NOW, buildFleet, type Fleet } from './fleet.js';
import { accountSpecs } from './pairs.js';
import { round } from './measurement.js';

export const progress = (line: string): void => void process.stderr.write(`bench: ${line}\n`);

export class FleetEmulator {
  private constructor(
    readonly emulator: RunningEmulator,
    readonly fleet: Fleet,
    /** Unpaced clients of the base account and of each account (AssumeRole), for building and counting. */
    readonly clients: KmsClients,
  ) {}

  /** Starts an emulator at BENCH_NOW and builds the fleet `makeFleet` shapes for its base account through the API. */
  static async start(makeFleet: (baseUid: string) => Fleet): Promise<FleetEmulator> {
    const t0 = performance.now();
    const emulator = await startEmulator({ port: 0, now: BENCH_NOW, env: {}, quotas: 'none' });
    const fleet = makeFleet(emulator.uid);
    const clients = createKmsClients({
      endpoint: emulator.url,
      stsEndpoint: emulator.url,
      env: {},
      credentials: new StaticCredentialsProvider({ accessKeyId: emulator.accessKeyId, accessKeySecret: DEMO_ACCESS_KEY_SECRET }),
      accounts: accountSpecs(fleet.pairs),
      // The build is not measured: no pacing to the quotas, which the emulator does not enforce meanwhile.
      quotas: Object.fromEntries(QUOTA_GROUPS.map((group) => [group, 'unlimited' as const])),
      maxConcurrency: 32,
    });
    const fe = new FleetEmulator(emulator, fleet, clients);
    try {
      const calls = await buildFleet(emulator, clients, fleet);
      progress(`built the ${fleet.label} fleet, ${fleet.keys.length} keys over ${fleet.pairs.length} pairs, through the API (${calls} calls) in ${round((performance.now() - t0) / 1000, 1)} s`);
    } catch (error) {
      await fe.close();
      throw error;
    }
    return fe;
  }

  /** The environment kmsctl runs with: the emulator's base credentials, and STS at the emulator for the accounts. */
  kmsctlEnv(): Record<string, string> {
    return { ALIBABA_CLOUD_ACCESS_KEY_ID: this.emulator.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_ACCESS_KEY_SECRET, KMSCTL_STS_ENDPOINT: this.emulator.url };
  }

  async close(): Promise<void> {
    await this.clients.close();
    await this.emulator.close();
  }
}
