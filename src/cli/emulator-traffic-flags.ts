/** The `kmsctl emulator` flags for network latency and the rate quota, and their help lines. */
import type { EmulatorOptions } from '../emulator/index.js';
import { MAX_LATENCY_MS, parseLatency } from '../emulator/latency.js';
import { CliError } from './cli-error.js';
import type { OptionSpec, OptionValues } from './command.js';
import { stringValue } from './parse-command-line.js';

export const TRAFFIC_OPTIONS: OptionSpec = {
  latency: { type: 'string' },
  'latency-jitter': { type: 'string' },
  qps: { type: 'string' },
  'qps-burst': { type: 'string' },
};

export const TRAFFIC_FLAGS_HELP = `  --latency D       delay every API request by D (e.g. 20ms, 0.5s), standing for the network
  --latency-jitter D  vary that delay uniformly by ± D (at most the latency)
  --qps N           rate quota over all actions, N requests per second (token bucket); beyond it
                    the answer is Throttling (HTTP 400), as the service's
  --qps-burst N     the quota's bucket size (default N of --qps: one second's worth)`;

type TrafficOptions = Pick<EmulatorOptions, 'latencyMs' | 'latencyJitterMs' | 'qps' | 'qpsBurst'>;

/** The traffic options from the flags; a bad value is a `cli.bad-flag-value` error that quotes it. */
export function trafficFlags(values: OptionValues): TrafficOptions {
  const latencyMs = duration(values, 'latency');
  const latencyJitterMs = duration(values, 'latency-jitter');
  if (latencyJitterMs !== undefined && latencyJitterMs > (latencyMs ?? 0)) {
    throw new CliError('cli.bad-flag-value', `--latency-jitter must not exceed --latency (${latencyMs ?? 0} ms), got "${stringValue(values, 'latency-jitter') ?? ''}"`);
  }
  const qps = rate(values, 'qps');
  const qpsBurst = rate(values, 'qps-burst');
  if (qpsBurst !== undefined && qps === undefined) throw new CliError('cli.bad-flag-value', '--qps-burst needs --qps');
  if (qpsBurst !== undefined && qpsBurst < 1) throw new CliError('cli.bad-flag-value', `--qps-burst must be at least 1, got "${stringValue(values, 'qps-burst') ?? ''}"`);
  return { latencyMs, latencyJitterMs, qps, qpsBurst };
}

function duration(values: OptionValues, name: string): number | undefined {
  const raw = stringValue(values, name);
  if (raw === undefined) return undefined;
  const ms = parseLatency(raw);
  if (ms === undefined) throw new CliError('cli.bad-flag-value', `--${name} takes a duration such as 20ms or 0.5s (at most ${MAX_LATENCY_MS / 1000}s), got "${raw}"`);
  return ms;
}

function rate(values: OptionValues, name: string): number | undefined {
  const raw = stringValue(values, name);
  if (raw === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) <= 0) throw new CliError('cli.bad-flag-value', `--${name} takes a positive number, got "${raw}"`);
  return Number(raw);
}
