/**
 * GitHub annotations of a plan: an error on each key in error, also on both entries of two that resolve
 * to one key, and a warning on a key whose rotation falls due within rotation.warnBefore, each at the
 * key's line in its config file. The text plan names the other entry's line too.
 */
import { describe, expect, it } from 'vitest';
import { annotatePlan } from '../../src/cli/github-actions.js';
import type { DesiredKey } from '../../src/config/desired-state.js';
import { planKeys } from '../../src/plan/planner.js';
import { renderPlanText } from '../../src/render/plan-text.js';
import { locator } from '../../src/cli/views/plan-view.js';
import { T0, datePlus, days, desiredKey, desiredState, found, liveKey, liveState, rotation } from '../builders/index.js';

const FILE = 'keys.yaml';
const TEXT = `version: 1
keys:
  by-alias:
    keyId: alias/x
  by-id:
    keyId: key-x
  soon:
    keyId: key-soon
`;

function declared(name: string, input: Parameters<typeof desiredKey>[0]): DesiredKey {
  const start = TEXT.indexOf(`  ${name}:`) + 2;
  return { ...desiredKey({ name, ...input }), source: { file: FILE, start, end: start + name.length } };
}

function output() {
  let text = '';
  return { out: { write: (t: string) => void (text += t), isTTY: false }, text: () => text };
}

describe('plan annotations', () => {
  const keys = [
    declared('by-alias', { keyId: 'alias/x', rotation: '90d' }),
    declared('by-id', { keyId: 'key-x', rotation: '90d' }),
    declared('soon', { keyId: 'key-soon', rotation: { ...rotation('30d'), warnBefore: '7d', warnBeforeSeconds: 7 * 86_400 } }),
  ];
  const sources = new Map([[FILE, TEXT]]);
  const desired = desiredState(...keys);
  const live = liveState(
    [keys[0]!, found(liveKey({ keyId: 'key-x', versions: [T0] }))],
    [keys[1]!, found(liveKey({ keyId: 'key-x', versions: [T0] }))],
    [keys[2]!, found(liveKey({ keyId: 'key-soon', versions: [T0] }))],
  );
  const plan = planKeys(desired, live, datePlus(T0, days(25)), { sources });

  it('puts an error on both entries that resolve to one key, and a warning on the key due soon, each at its line', () => {
    const { out, text } = output();
    annotatePlan(out, { GITHUB_ACTIONS: 'true' }, plan, desired, sources);
    const lines = text().trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::error')).map((l) => /line=(\d+)/.exec(l)?.[1])).toEqual(['3', '5']);
    expect(lines.filter((l) => l.includes('key.duplicate-target'))).toHaveLength(2);
    const warning = lines.filter((l) => l.startsWith('::warning'));
    expect(warning).toHaveLength(1);
    expect(warning[0]).toMatch(/^::warning file=keys\.yaml,line=7,.*::soon \(key-soon, cn-hangzhou\): rotation falls due at 2026-01-31T00:00:00Z, within rotation\.warnBefore \(7d\)$/);
  });

  it('writes nothing outside GitHub Actions', () => {
    const { out, text } = output();
    annotatePlan(out, {}, plan, desired, sources);
    expect(text()).toBe('');
  });

  it('names the other entry\'s config line in the text plan', () => {
    const text = renderPlanText(plan, { color: false, positions: new Map([['by-alias', 'keys.yaml:3:3'], ['by-id', 'keys.yaml:5:3']]), locate: locator(sources) });
    expect(text).toMatch(/! by-alias: error key\.duplicate-target\n {4}key: {6}alias\/x in cn-hangzhou \(keys\.yaml:3:3\)\n(.*\n)* {4}also: {5}keys\.yaml:5:3: entry "by-id" resolves to the same key/);
    expect(text).toMatch(/! by-id: error key\.duplicate-target\n(.*\n)* {4}also: {5}keys\.yaml:3:3: entry "by-alias" resolves to the same key/);
  });
});
