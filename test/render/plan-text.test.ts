import { describe, expect, it } from 'vitest';
import { renderPlanText, summaryLine } from '../../src/render/plan-text.js';
import { stripAnsi } from '../../src/render/style.js';
import { T0, datePlus, days, desiredKey, desiredState, emptyPlan, found, isoPlus, liveKey, liveState, mixedPlan, unpinned } from '../builders/index.js';
import { planKeys } from '../../src/plan/planner.js';

const ESC = '\u001b[';

describe('renderPlanText', () => {
  it('ends with the exact summary line and a separate drift line', () => {
    const text = renderPlanText(mixedPlan(), { color: false });
    const lines = text.trimEnd().split('\n');
    expect(lines.at(-2)).toBe('Plan: 1 to create, 2 deferred, 3 errors.');
    expect(lines.at(-1)).toBe('Drift: 3 live versions are not declared in the config.');
  });

  it('writes no ANSI sequence without colour, and some with it, with the same text', () => {
    const plain = renderPlanText(mixedPlan(), { color: false });
    const colored = renderPlanText(mixedPlan(), { color: true });
    expect(plain).not.toContain(ESC);
    expect(colored).toContain(ESC);
    expect(stripAnsi(colored)).toBe(plain);
  });

  it('starts every key line with its action symbol, name, key and region', () => {
    const text = renderPlanText(mixedPlan(), { color: false });
    expect(text).toContain('\n+ payments-signing (key-pay in cn-hangzhou): ');
    expect(text).toContain('\n> tokens (alias/tokens in cn-shanghai): ');
    expect(text).toContain('\n! legacy (alias/legacy in cn-hangzhou): ');
    expect(text).toContain('\n= audit (key-audit in cn-beijing): ');
    expect(text.split('\n')[0]).toBe('Actions: + create a version, > deferred (7 days between versions), ! error, = no change');
  });

  it('shows the earliest time of a deferred key, relative to now', () => {
    const text = renderPlanText(mixedPlan(), { color: false, now: datePlus(T0, days(10) - 4 * 3600_000) });
    expect(text).toContain('    earliest: 2026-01-14T00:00:00Z (in 3d 4h)');
  });

  it('lists drift with IDs, dates and the import hint', () => {
    const text = renderPlanText(mixedPlan(), { color: false });
    expect(text).toContain('      - 00000000-0000-4000-8000-000000000003  created 2026-01-10T00:00:00Z');
    expect(text).toContain('hint: pin them with `kmsctl import`, or add `id:` entries to versions');
  });

  it('shows errors with their code, service code, request ID and hint', () => {
    const text = renderPlanText(mixedPlan(), { color: false });
    expect(text).toContain('    error key.not-found (Forbidden.AliasNotFound, RequestId 7A3F-LEGACY)\n    hint: ');
  });

  it('says when more versions remain after a create', () => {
    const text = renderPlanText(mixedPlan(), { color: false });
    expect(text).toContain('    then: 1 more version wanted, the next from 2026-01-18T00:00:00Z (in 7d)');
  });

  it('renders an empty plan', () => {
    expect(renderPlanText(emptyPlan(), { color: false })).toBe('No keys declared.\n\nPlan: 0 to create, 0 deferred, 0 errors.\n');
  });

  it('writes the summary line in the brief’s form for the two-new-versions example', () => {
    const key = desiredKey({ versions: [unpinned(), unpinned(), unpinned()] });
    const plan = planKeys(desiredState(key), liveState([key, found(liveKey({ versions: [isoPlus(T0, 0)] }))]), datePlus(T0, days(8)));
    expect(summaryLine(plan)).toBe('Plan: 1 to create, 1 deferred, 0 errors.');
    expect(renderPlanText(plan, { color: false })).not.toContain('Drift:');
  });
});
