/** `kmsctl report` against the emulator: the figures of each status, the JSON document, and a page that needs nothing from the network. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Ajv } from 'ajv';
import { escapeHtml } from '../../src/report/html-escape.js';
import { loadSchema, OUTPUT_SCHEMAS } from '../../src/schemas.js';
import { startFleet, type Fleet } from './fleet-fixture.js';

interface ReportJson {
  generated_at: string;
  summary: { sentence: string; keys: number; within_policy: number; by_status: Record<string, number>; drift_versions: number };
  groups: { account: string | null; region: string; keys: { name: string; status: string; plan_action: string; max_age_seconds: number | null; newest_version: { age_seconds: number } | null; due_at: string | null; due_soon_at: string | null; deferred_until: string | null; error: { code: string } | null; versions: { declared: boolean }[] }[] }[];
}

let fleet: Fleet;
let json: ReportJson;
let html: string;
let run: { code: number; out: string; err: string };

beforeAll(async () => {
  fleet = await startFleet();
  run = await fleet.kmsctl(['report']);
  json = JSON.parse(await fleet.readText('kmsctl-report.json')) as ReportJson;
  html = await fleet.readText('kmsctl-report.html');
});

afterAll(async () => {
  await fleet?.close();
});

describe('kmsctl report', () => {
  test('writes the page and its figures, exits 0 and says the auditor\'s sentence', () => {
    expect(run.code, run.err).toBe(0);
    expect(json.summary.sentence).toBe('4 of 10 keys within policy on 2026-06-01');
    expect(run.out).toContain('4 of 10 keys within policy on 2026-06-01');
    expect(run.out).toContain('kmsctl-report.html');
  });

  test('each key has the status its plan gives it, grouped by account and region in config order', () => {
    expect(json.groups.map((g) => [g.account, g.region, g.keys.map((k) => [k.name, k.status])])).toEqual([
      [
        null,
        'cn-hangzhou',
        [
          ['token-signing', 'within-policy'],
          ['release-signing', 'due-soon'],
          ['payments-signing', 'overdue'],
          ['audit-signing', 'pending'],
          ['api-tokens', 'deferred'],
          ['legacy-signing', 'within-policy'],
          ['session-encryption', 'error'],
          ['instance-encryption', 'overdue'],
          ['missing', 'error'],
        ],
      ],
      [null, 'cn-shanghai', [['wallet-signing', 'within-policy']]],
    ]);
    expect(json.summary.by_status).toEqual({ error: 2, overdue: 2, pending: 1, deferred: 1, due_soon: 1, within_policy: 3 });
  });

  test('ages, due dates and errors come from the plan: a symmetric key in a software instance is overdue and gets its version, a classic one is in error', () => {
    const keys = Object.fromEntries(json.groups.flatMap((g) => g.keys).map((k) => [k.name, k]));
    expect(keys['release-signing']).toMatchObject({ max_age_seconds: 90 * 86400, due_at: '2026-06-11T09:00:00Z', due_soon_at: '2026-06-11T09:00:00Z' });
    // Measured by the service's clock as the client follows it: the frozen emulator clock, plus the moments the run took.
    expect(keys['release-signing']?.newest_version?.age_seconds).toBeGreaterThanOrEqual(80 * 86400);
    expect(keys['release-signing']?.newest_version?.age_seconds).toBeLessThan(80 * 86400 + 60);
    expect(keys['payments-signing']).toMatchObject({ plan_action: 'create', due_at: '2026-05-22T09:00:00Z' });
    expect(keys['instance-encryption']).toMatchObject({ status: 'overdue', plan_action: 'create' });
    expect(keys['session-encryption']?.error?.code).toBe('key.symmetric');
    expect(keys['missing']?.error?.code).toBe('key.not-found');
    expect(keys['api-tokens']?.deferred_until).toBe('2026-06-06T09:00:00Z');
    expect(keys['legacy-signing']?.versions.map((v) => v.declared)).toEqual([true, false]);
    expect(json.summary.drift_versions).toBe(1);
  });

  test('the JSON figures match schemas/report.schema.json, and --json prints the same document', async () => {
    const ajv = new Ajv({ strict: false, validateFormats: false });
    for (const name of OUTPUT_SCHEMAS) ajv.addSchema(await loadSchema(name), name);
    const validate = ajv.compile(await loadSchema('report.schema.json'));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    const printed = await fleet.kmsctl(['report', '--json', '--out', 'again.html']);
    const again = JSON.parse(printed.out) as ReportJson;
    expect(again.summary).toEqual(json.summary);
    expect(again.groups.map((g) => g.keys.map((k) => k.status))).toEqual(json.groups.map((g) => g.keys.map((k) => k.status)));
    const failed = await fleet.kmsctl(['report', '--json', '--account', 'nobody']);
    expect(validate(JSON.parse(failed.out)), JSON.stringify(validate.errors)).toBe(true);
    expect(JSON.parse(failed.out).error.code).toBe('cli.unknown-account');
  });

  test('the page loads nothing: no script, no stylesheet link, no URL but the SVG namespace', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|src=|href=/i);
    expect(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')).not.toMatch(/https?:/);
    expect(html).toContain('<svg');
  });

  test('the page carries each key\'s figures in its row, and the summary\'s in the summary', () => {
    expect(html).toContain('data-keys="10" data-within-policy="4" data-drift-versions="1"');
    expect(html).toMatch(/<tr class="key status-due-soon" data-key="release-signing" data-status="due-soon" data-versions="1" data-age-seconds="69120\d\d" data-max-age-seconds="7776000">/);
  });

  test('a page that cannot be written is report.unwritable', async () => {
    const failed = await fleet.kmsctl(['report', '--json', '--out', 'no/such/folder/report.html']);
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.out).error.code).toBe('report.unwritable');
  });
});

describe('escaping text into the page', () => {
  test('markup and control characters in text cannot become markup', () => {
    expect(escapeHtml('<script>alert("x")</script> & \'q\'\u0007')).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;\ufffd');
  });
});
