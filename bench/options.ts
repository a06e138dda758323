/** The benchmark's settings: defaults for a full run, `--quick` for a smoke run, each one a flag. */
import { parseArgs } from 'node:util';
import type { PairLayout } from './pairs.js';

export interface BenchOptions {
  quick: boolean;
  /** Emulator latency and its ± jitter, ms. */
  latencyMs: number;
  jitterMs: number;
  /** kmsctl --parallelism; undefined runs kmsctl with its default, as users do. */
  parallelism: number | undefined;
  /** The Terraform model's parallelism: Terraform's default -parallelism. */
  terraformParallelism: number;
  /** How pairs are made: regions of one account, or two regions in each of several accounts. */
  layout: PairLayout;
  /** The steady-state and rotation-day fleet: pairs, keys in each, versions of each key. */
  pairs: number;
  keysPerPair: number;
  versions: number;
  /** The scale fleet: pairs (keys per pair as above). */
  scalePairs: number;
  /** Keys per pair of the scale fleet the Terraform model reads (0: all). */
  terraformSample: number;
  skipTerraform: boolean;
  /** Also write the JSON result to this file. */
  out: string | undefined;
}

type Sizes = Pick<BenchOptions, 'latencyMs' | 'jitterMs' | 'terraformParallelism' | 'pairs' | 'keysPerPair' | 'versions' | 'scalePairs' | 'terraformSample'>;

const FULL: Sizes = { latencyMs: 30, jitterMs: 0, terraformParallelism: 10, pairs: 10, keysPerPair: 200, versions: 10, scalePairs: 50, terraformSample: 40 };
const QUICK: Partial<Sizes> = { keysPerPair: 20, terraformSample: 4 };

export const USAGE = `npm run bench -- [--quick] [flags]

  --quick               a smoke run: 20 keys a pair instead of 200 (about a minute); the targets,
                        set for the full sizes, are still evaluated, but start-up outweighs the floor
  --layout regions|accounts   pairs as regions of the run's own account (default), or as two regions
                        in each of several accounts reached by STS AssumeRole (the config's accounts:)
  --pairs N             pairs of the steady-state and rotation-day fleet (default 10)
  --keys-per-pair N     keys in each pair (default 200, the service's default CMK quota per pair)
  --versions N          versions of each key (default 10)
  --scale-pairs N       pairs of the scale fleet (default 50: 10,000 keys)
  --latency MS          emulator latency per request (default 30) and --jitter MS (default 0)
  --parallelism N       kmsctl --parallelism (default: none given, kmsctl's own default)
  --terraform-parallelism N   the Terraform model's parallelism (default 10, Terraform's)
  --terraform-sample N  keys per pair of the scale fleet the Terraform model reads (default 40; 0: all)
  --skip-terraform      kmsctl only
  --out FILE            also write the JSON result to FILE`;

export function parseBenchOptions(args: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      quick: { type: 'boolean' },
      layout: { type: 'string' },
      pairs: { type: 'string' },
      'keys-per-pair': { type: 'string' },
      versions: { type: 'string' },
      'scale-pairs': { type: 'string' },
      latency: { type: 'string' },
      jitter: { type: 'string' },
      parallelism: { type: 'string' },
      'terraform-parallelism': { type: 'string' },
      'terraform-sample': { type: 'string' },
      'skip-terraform': { type: 'boolean' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const quick = values.quick === true;
  const base: Sizes = { ...FULL, ...(quick ? QUICK : {}) };
  const num = (name: keyof typeof values, fallback: number, min = 1): number => {
    const raw = values[name];
    if (typeof raw !== 'string') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} takes a whole number of at least ${min}, got "${raw}"`);
    return n;
  };
  const layout = values.layout ?? 'regions';
  if (layout !== 'regions' && layout !== 'accounts') throw new Error(`--layout takes regions or accounts, got "${layout}"`);
  const latencyMs = num('latency', base.latencyMs, 0);
  return {
    quick,
    latencyMs,
    jitterMs: Math.min(latencyMs, num('jitter', base.jitterMs, 0)),
    parallelism: values.parallelism === undefined ? undefined : num('parallelism', 1),
    terraformParallelism: num('terraform-parallelism', base.terraformParallelism),
    layout,
    pairs: num('pairs', base.pairs),
    keysPerPair: num('keys-per-pair', base.keysPerPair),
    // Two versions more are made (the model's, then kmsctl's) within the service's cap of 50.
    versions: Math.min(48, num('versions', base.versions)),
    scalePairs: num('scale-pairs', base.scalePairs),
    terraformSample: num('terraform-sample', base.terraformSample, 0),
    skipTerraform: values['skip-terraform'] === true,
    out: values.out,
  };
}
