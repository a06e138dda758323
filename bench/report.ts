/** The benchmark's output: a table for people, then one JSON line with every figure for machines. */
import type { Measurement } from './measurement.js';
import { fmtS, pct, terraformRatio, type TargetResult } from './targets.js';

export interface BenchSettings {
  [name: string]: unknown;
}

export function renderTable(settings: BenchSettings, runs: readonly Measurement[], targets: readonly TargetResult[]): string {
  const header = ['run', 'tool', 'keys', 'pairs', 'vers', 'calls/key', 'throttled', 'wall', 'floor', 'x floor', 'peak MB', 'vs TF', 'in flight'];
  const rows = runs.map((r) => {
    const ratio = terraformRatio(runs, r);
    return [
      r.id,
      `${r.tool}${r.pinned ? ' (pinned)' : ''}`,
      String(r.keys),
      String(r.pairs),
      String(r.versionsPerKey),
      r.callsPerKey.toFixed(2),
      r.throttled === 0 ? '0' : `${r.throttled} (${pct(r.throttledShare)})`,
      fmtS(r.wallMs),
      fmtS(r.floorMs),
      r.floorRatio.toFixed(2),
      r.maxRssMB === undefined ? '' : r.maxRssMB.toFixed(0),
      ratio === undefined ? '' : `${ratio.toFixed(1)}x`,
      String(r.peakInFlight),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const quotas = settings['quotas'] as Record<string, number | null>;
  const out = [
    `kmsctl benchmark: quotas ${Object.entries(quotas).map(([g, q]) => `${g} ${q ?? 'none'}/s`).join(', ')} per pair; latency ${settings['latencyMs']} ms ± ${settings['jitterMs']} ms; ` +
      `pairs as ${settings['layout']}; kmsctl --parallelism ${settings['parallelism']}; Terraform model ${settings['terraformParallelism']} at a time`,
    `${settings['node']}, ${settings['cpus']} CPUs, commit ${settings['commit']}, load average ${settings['loadAverage']} at the start, ${settings['loadAverageEnd']} at the end`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    settings['quick'] === true ? 'Targets (--quick: the fleets are smaller than the targets speak of; pass/fail here is only indicative):' : 'Targets:',
    ...targets.map((t) => `  [${t.pass ? 'PASS' : 'FAIL'}] ${t.target}: ${t.measured}`),
    '',
    'floor = the quotas\' floor: per pair, answered calls of each quota group / the group\'s quota, summed; the busiest pair\'s.',
    'calls/key counts answered calls (throttled ones are in "throttled"); peak MB = maxRSS of the kmsctl process (10^6 bytes);',
    'vs TF = the Terraform model\'s time per key over kmsctl\'s on the same fleet and work; in flight = most requests the emulator served at once.',
  ];
  return `${out.join('\n')}\n`;
}

export function resultJson(settings: BenchSettings, runs: readonly Measurement[], targets: readonly TargetResult[]): string {
  return JSON.stringify({
    kind: 'kmsctl-bench',
    settings,
    runs: runs.map((r) => ({ ...r, terraformRatio: terraformRatio(runs, r) ?? null })),
    targets: Object.fromEntries(targets.map((t) => [t.id, { target: t.target, measured: t.measured, pass: t.pass }])),
    allTargetsMet: targets.every((t) => t.pass),
  });
}
