/** The `kmsctl emulator` flags for network latency and the quotas, and their help lines. */
import { QUOTA_PRESETS, isQuotaPreset, parseQuotaAssignment, type EmulatorOptions, type QuotaChanges, type QuotaPreset } from '../emulator/index.js';
import { MAX_LATENCY_MS, parseLatency } from '../emulator/latency.js';
import { CLI_CODES } from './error-codes.js';
import { CliError } from './cli-error.js';
import type { OptionSpec, OptionValues } from './command.js';
import { listValue, stringValue } from './parse-command-line.js';

export const TRAFFIC_OPTIONS: OptionSpec = {
  latency: { type: 'string' },
  'latency-jitter': { type: 'string' },
  quotas: { type: 'string' },
  quota: { type: 'string', multiple: true },
  qps: { type: 'string' },
  'qps-burst': { type: 'string' },
};

export const TRAFFIC_FLAGS_HELP = `  --latency D       delay every API request by D (e.g. 20ms, 0.5s), standing for the network
  --latency-jitter D  vary that delay uniformly by ± D (at most the latency)
  --quotas SET      the service's request quotas per account, region and action group: service
                    (the published figures: key-read 50, key-write 30, key-create 10,
                    instance-read 50 per second), older (the older page's: 20, 10, 10, 50) or none
                    (the default); beyond one, the answer is 429 Rejected.Throttling
  --quota G=N       set one group's figure (key-read, key-write, key-create, instance-read), e.g.
                    --quota key-read=40; N may be none; repeatable; on top of --quotas
  --qps N           a plain rate quota over all actions, N requests per second (token bucket), for
                    experiments; beyond it, 429 Rejected.Throttling too
  --qps-burst N     that quota's bucket size (default N of --qps: one second's worth)`;

type TrafficOptions = Pick<EmulatorOptions, 'latencyMs' | 'latencyJitterMs' | 'quotas' | 'quotaGroups' | 'qps' | 'qpsBurst'>;

/** The traffic options from the flags; a bad value is a `cli.bad-flag-value` error that quotes it. */
export function trafficFlags(values: OptionValues): TrafficOptions {
  const latencyMs = duration(values, 'latency');
  const latencyJitterMs = duration(values, 'latency-jitter');
  if (latencyJitterMs !== undefined && latencyJitterMs > (latencyMs ?? 0)) {
    throw new CliError(CLI_CODES.badFlagValue, `--latency-jitter must not exceed --latency (${latencyMs ?? 0} ms), got "${stringValue(values, 'latency-jitter') ?? ''}"`);
  }
  const qps = rate(values, 'qps');
  const qpsBurst = rate(values, 'qps-burst');
  if (qpsBurst !== undefined && qps === undefined) throw new CliError(CLI_CODES.badFlagValue, '--qps-burst needs --qps');
  if (qpsBurst !== undefined && qpsBurst < 1) throw new CliError(CLI_CODES.badFlagValue, `--qps-burst must be at least 1, got "${stringValue(values, 'qps-burst') ?? ''}"`);
  return { latencyMs, latencyJitterMs, ...quotaFlags(values), qps, qpsBurst };
}

/** `--quotas SET` and each `--quota GROUP=N`, later assignments of a group winning. */
function quotaFlags(values: OptionValues): Pick<EmulatorOptions, 'quotas' | 'quotaGroups'> {
  let groups: QuotaChanges | undefined;
  for (const text of listValue(values, 'quota')) {
    const change = parseQuotaAssignment(text);
    if (typeof change === 'string') throw new CliError(CLI_CODES.badFlagValue, `--quota ${change}`);
    groups = { ...groups, ...change };
  }
  return { quotas: presetValue(stringValue(values, 'quotas')), quotaGroups: groups };
}

function presetValue(raw: string | undefined): QuotaPreset | undefined {
  if (raw === undefined || isQuotaPreset(raw)) return raw;
  throw new CliError(CLI_CODES.badFlagValue, `--quotas takes ${Object.keys(QUOTA_PRESETS).join(', ')}, got "${raw}"`);
}

function duration(values: OptionValues, name: string): number | undefined {
  const raw = stringValue(values, name);
  if (raw === undefined) return undefined;
  const ms = parseLatency(raw);
  if (ms === undefined) throw new CliError(CLI_CODES.badFlagValue, `--${name} takes a duration such as 20ms or 0.5s (at most ${MAX_LATENCY_MS / 1000}s), got "${raw}"`);
  return ms;
}

function rate(values: OptionValues, name: string): number | undefined {
  const raw = stringValue(values, name);
  if (raw === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) <= 0) throw new CliError(CLI_CODES.badFlagValue, `--${name} takes a positive number, got "${raw}"`);
  return Number(raw);
}
