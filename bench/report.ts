/** The benchmark's output: a table for people, then one JSON line with every figure for machines. */
import { round, type Measurement } from './measurement.js';
import { fmtS, type Ratios, type TargetResult } from './targets.js';

export interface BenchSettings {
  [name: string]: unknown;
}

export function renderTable(settings: BenchSettings, runs: readonly Measurement[], ratioTable: Ratios, targets: readonly TargetResult[]): string {
  const header = ['run', 'tool', 'keys', 'vers', 'conc', 'calls/key', 'throttled', 'wall', 'per key', 'x floor', 'x quota', 'peak MB', 'in flight'];
  const rows = runs.map((r) => [
    r.id,
    r.tool,
    String(r.keys),
    String(r.versionsPerKey),
    r.qps === undefined ? String(r.concurrency) : `${r.concurrency} @${r.qps}/s`,
    r.callsPerKey.toFixed(2),
    r.throttled === 0 ? '0' : `${r.throttled} (${round(r.throttledShare * 100, 1)}%)`,
    fmtS(r.wallMs),
    `${r.perKeyMs < 10 ? r.perKeyMs.toFixed(2) : round(r.perKeyMs, 0)} ms`,
    r.floorRatio.toFixed(2),
    r.quotaRatio === undefined ? '' : r.quotaRatio.toFixed(2),
    r.maxRssMB === undefined ? '' : r.maxRssMB.toFixed(0),
    String(r.peakInFlight),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const out = [
    `kmsctl benchmark: latency ${settings['latencyMs']} ms ± ${settings['jitterMs']} ms, kmsctl parallelism ${settings['parallelism']} (${settings['parallelismFrom']}), Terraform model ${settings['terraformParallelism']}, ${settings['regions']} regions, ${settings['node']}, commit ${settings['commit']}, load ${settings['loadAverage']}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    'Per-key speed-up of kmsctl plan over the baselines:',
    ...Object.entries(ratioTable).map(
      ([fleet, r]) =>
        `  fleet ${fleet}: ${r.terraformModel ?? '-'}x vs the Terraform-model refresh (ceiling ${r.terraformModelCeiling ?? '-'}x), ${r.sdkScript ?? '-'}x vs the sequential SDK script (ceiling ${r.sdkScriptCeiling ?? '-'}x)`,
    ),
    '  (ceiling: the ratio if every call cost exactly the latency: baseline calls/key ÷ its concurrency over kmsctl calls/key ÷ its concurrency)',
    '',
    settings['quick'] === true ? 'Targets (--quick: the fleets are smaller than the targets speak of; pass/fail here is only indicative):' : 'Targets:',
    ...targets.map((t) => `  [${t.pass ? 'PASS' : 'FAIL'}] ${t.target}: ${t.measured}`),
    '',
    'floor = answered calls × latency / concurrency; quota-bound = answered calls / qps; peak MB = maxRSS of the kmsctl process;',
    'in flight = most API requests the emulator served at once. calls/key excludes throttled requests.',
  ];
  return `${out.join('\n')}\n`;
}

export function resultJson(settings: BenchSettings, runs: readonly Measurement[], ratioTable: Ratios, targets: readonly TargetResult[]): string {
  return JSON.stringify({
    kind: 'kmsctl-bench',
    settings,
    runs,
    ratios: ratioTable,
    targets: Object.fromEntries(targets.map((t) => [t.id, { target: t.target, measured: t.measured, pass: t.pass }])),
    allTargetsMet: targets.every((t) => t.pass),
  });
}
