/** The benchmark's settings: defaults for a full run, `--quick` for a small one, each one a flag. */
import { parseArgs } from 'node:util';
import { REGIONS } from './fleet.js';

export interface BenchOptions {
  quick: boolean;
  /** Emulator latency and its ± jitter, ms. */
  latencyMs: number;
  jitterMs: number;
  /** kmsctl --parallelism; undefined runs kmsctl with its default, as users do. */
  parallelism: number | undefined;
  /** The Terraform model's parallelism: Terraform's default -parallelism. */
  terraformParallelism: number;
  regions: number;
  /** Fleet A: many keys, few versions. */
  keysA: number;
  versionsA: number;
  /** Fleet B: fewer keys, many versions. */
  keysB: number;
  versionsB: number;
  /** Keys of the scaling plans (time and memory against fleet size). */
  scale: number[];
  /** The rate-quota plan: keys, and the quota in requests per second. */
  quotaKeys: number;
  qps: number;
  /** Keys due for a version in each apply run. */
  applyKeys: number;
  /** Keys the baselines read: fleet A (both), fleet B (Terraform model, sequential script). */
  sampleA: number;
  sampleBTerraform: number;
  sampleBScript: number;
  /** How the fleet is made: CreateKey/CreateAlias/CreateKeyVersion calls (default), or one seed (fastest). */
  fleetVia: 'seed' | 'api';
  /** Pin every live version in the configs (as `kmsctl import` writes them) instead of rotation only. */
  pinVersions: boolean;
  skipBaselines: boolean;
  /** Also write the JSON result to this file. */
  out: string | undefined;
}

const FULL: Omit<BenchOptions, 'quick' | 'out' | 'fleetVia' | 'pinVersions' | 'skipBaselines' | 'parallelism'> = {
  latencyMs: 20,
  jitterMs: 5,
  terraformParallelism: 10,
  regions: 4,
  keysA: 2000,
  versionsA: 10,
  keysB: 200,
  versionsB: 50,
  scale: [100, 1000, 10_000],
  quotaKeys: 1000,
  qps: 200,
  applyKeys: 500,
  sampleA: 200,
  sampleBTerraform: 200,
  sampleBScript: 20,
};

const QUICK: Partial<BenchOptions> = {
  keysA: 400,
  keysB: 40,
  scale: [100, 400, 1000],
  quotaKeys: 300,
  applyKeys: 100,
  sampleA: 40,
  sampleBTerraform: 40,
  sampleBScript: 4,
};

export const USAGE = `npm run bench -- [--quick] [flags]

  --quick               small fleets and samples (about a minute); the targets, set for the full
                        sizes, are still evaluated, and start-up makes the floor and speed-ups fail
  --latency MS          emulator latency per request (default 20) and --jitter MS (default 5)
  --parallelism N       kmsctl --parallelism (default: none given, kmsctl's own default)
  --terraform-parallelism N   the Terraform model's parallelism (default 10, Terraform's)
  --regions N           regions the keys are spread over (default 4, at most 8)
  --keys-a N --versions-a N      fleet A (default 2000 keys, 10 versions)
  --keys-b N --versions-b N      fleet B (default 200 keys, 50 versions)
  --scale A,B,C         keys of the scaling plans (default 100,1000,10000)
  --quota-keys N --qps N         the plan under a rate quota (default 1000 keys, 200 requests/s)
  --apply-keys N        keys due for a version in each apply run (default 500)
  --sample-a N          keys the baselines read on fleet A (default 200)
  --sample-b-terraform N, --sample-b-script N   on fleet B (default 200 and 20)
  --fleet-via api|seed  build the fleets through the API (default), or with one seed document (faster)
  --pin-versions        configs pin every version (as kmsctl import writes them)
  --skip-baselines      kmsctl only
  --out FILE            also write the JSON result to FILE`;

export function parseBenchOptions(args: string[]): BenchOptions {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      quick: { type: 'boolean' },
      latency: { type: 'string' },
      jitter: { type: 'string' },
      parallelism: { type: 'string' },
      'terraform-parallelism': { type: 'string' },
      regions: { type: 'string' },
      'keys-a': { type: 'string' },
      'versions-a': { type: 'string' },
      'keys-b': { type: 'string' },
      'versions-b': { type: 'string' },
      scale: { type: 'string' },
      'quota-keys': { type: 'string' },
      qps: { type: 'string' },
      'apply-keys': { type: 'string' },
      'sample-a': { type: 'string' },
      'sample-b-terraform': { type: 'string' },
      'sample-b-script': { type: 'string' },
      'fleet-via': { type: 'string' },
      'pin-versions': { type: 'boolean' },
      'skip-baselines': { type: 'boolean' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const quick = values.quick === true;
  const base = { ...FULL, ...(quick ? QUICK : {}) };
  const num = (name: keyof typeof values, fallback: number, min = 1): number => {
    const raw = values[name];
    if (typeof raw !== 'string') return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} takes a number of at least ${min}, got "${raw}"`);
    return n;
  };
  const fleetVia = values['fleet-via'] ?? 'api';
  if (fleetVia !== 'api' && fleetVia !== 'seed') throw new Error(`--fleet-via takes api or seed, got "${fleetVia}"`);
  const scale = typeof values.scale === 'string' ? values.scale.split(',').map((s) => Number(s)) : base.scale;
  if (scale.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--scale takes whole numbers separated by commas, got "${String(values.scale)}"`);
  const latencyMs = num('latency', base.latencyMs, 0);
  return {
    quick,
    latencyMs,
    jitterMs: Math.min(latencyMs, num('jitter', base.jitterMs, 0)),
    parallelism: values.parallelism === undefined ? undefined : num('parallelism', 1),
    terraformParallelism: num('terraform-parallelism', base.terraformParallelism),
    regions: Math.min(REGIONS.length, num('regions', base.regions)),
    keysA: num('keys-a', base.keysA),
    versionsA: Math.min(50, num('versions-a', base.versionsA)),
    keysB: num('keys-b', base.keysB),
    versionsB: Math.min(50, num('versions-b', base.versionsB)),
    scale,
    quotaKeys: num('quota-keys', base.quotaKeys),
    qps: num('qps', base.qps),
    applyKeys: num('apply-keys', base.applyKeys),
    sampleA: num('sample-a', base.sampleA),
    sampleBTerraform: num('sample-b-terraform', base.sampleBTerraform),
    sampleBScript: num('sample-b-script', base.sampleBScript),
    fleetVia,
    pinVersions: values['pin-versions'] === true,
    skipBaselines: values['skip-baselines'] === true,
    out: values.out,
  };
}
