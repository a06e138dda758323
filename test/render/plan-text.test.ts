import { describe, expect, it } from 'vitest';
import { renderPlanText, summaryLine } from '../../src/render/plan-text.js';
import { stripAnsi } from '../../src/style.js';
import { T0, datePlus, days, desiredKey, desiredState, emptyPlan, found, isoPlus, liveKey, liveState, mixedPlan, unpinned } from '../builders/index.js';
import { planKeys } from '../../src/plan/planner.js';

const ESC = '\u001b[';

describe('renderPlanText', () => {
  it('ends with the summary line, one count per key, and a drift line that names the command recording it', () => {
    const plan = mixedPlan();
    const lines = renderPlanText(plan, { color: false }).trimEnd().split('\n');

    expect(lines.slice(-2).join(' ')).toContain('"kmsctl pin --adopt"');
    expect(lines.at(-2)).toBe('Plan: 1 to create, 1 deferred, 3 errors, 1 unchanged.');
    const { create, deferred, error, noop } = plan.summary;
    expect(create + deferred + error + noop).toBe(plan.keys.length);
  });

  it('writes no ANSI sequence without colour, and some with it, with the same text', () => {
    const plain = renderPlanText(mixedPlan(), { color: false });
    const colored = renderPlanText(mixedPlan(), { color: true });
    expect(plain).not.toContain(ESC);
    expect(colored).toContain(ESC);
    expect(stripAnsi(colored)).toBe(plain);
  });

  it('starts every key line with its symbol, its name and a short phrase, never with "-"', () => {
    const text = renderPlanText(mixedPlan(), { color: false });
    expect(text).toContain('\n+ payments-signing: create versions[1] "2026-a"\n');
    expect(text).toMatch(/\n> tokens: deferred until 2026-01-14T00:00:00Z/);
    expect(text).toContain('\n! legacy: error key.not-found\n');
    expect(text).not.toMatch(/^- /m);
    expect(text.split('\n')[0]).toBe('kmsctl will take these actions, shown with these symbols:');
  });

  it('fits every line in the width it is given', () => {
    for (const width of [60, 80, 100]) {
      const lines = renderPlanText(mixedPlan(), { color: false, width }).split('\n');
      // An ID longer than a line keeps a line of its own; nothing else may overflow.
      for (const line of lines) if (!/[0-9a-f-]{36}/.test(line)) expect(line.length, line).toBeLessThanOrEqual(width);
    }
  });

  it('shows the earliest time of a deferred key, relative to now', () => {
    const text = renderPlanText(mixedPlan(), { color: false, now: datePlus(T0, days(10) - 4 * 3600_000) });
    expect(text).toContain('deferred until 2026-01-14T00:00:00Z (in 3d 4h)');
  });

  it('lists drift with IDs and dates, and points to pin --adopt, not import', () => {
    const text = renderPlanText(mixedPlan(), { color: false });
    expect(text).toContain('    drift:    00000000-0000-4000-8000-000000000003 (created 2026-01-10T00:00:00Z) is not declared');
    expect(text).toContain('kmsctl pin --adopt');
    expect(text).not.toContain('kmsctl import');
  });

  it('shows errors with their message, service code, request ID, hint and config position', () => {
    const text = renderPlanText(mixedPlan(), { color: false, positions: new Map([['legacy', 'kmsctl.yaml:9:3']]) });
    expect(text).toMatch(/! legacy: error key\.not-found\n {4}key: {6}alias\/legacy in cn-hangzhou \(kmsctl\.yaml:9:3\)\n {4}error: {4}.*Forbidden\.AliasNotFound/);
    expect(text).toContain('RequestId 7A3F-LEGACY');
    expect(text).toMatch(/\n {4}hint: {5}check the alias and the region/);
  });

  it('says when more versions remain after a create, in the key’s own line', () => {
    const text = renderPlanText(mixedPlan(), { color: false });
    expect(text).toContain('    later:    1 more version wanted, the next from 2026-01-18T00:00:00Z (in 7d)');
  });

  it('renders an empty plan', () => {
    expect(renderPlanText(emptyPlan(), { color: false })).toBe('No keys declared.\n\nPlan: 0 to create, 0 deferred, 0 errors, 0 unchanged.\n');
  });

  it('counts a key that gets a version now and wants more later once, as a create', () => {
    const key = desiredKey({ versions: [unpinned(), unpinned(), unpinned()] });
    const plan = planKeys(desiredState(key), liveState([key, found(liveKey({ versions: [isoPlus(T0, 0)] }))]), datePlus(T0, days(8)));
    expect(summaryLine(plan)).toBe('Plan: 1 to create, 0 deferred, 0 errors, 0 unchanged.');
    expect(renderPlanText(plan, { color: false })).not.toContain('Drift:');
  });
});
