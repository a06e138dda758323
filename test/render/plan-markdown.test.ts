import { describe, expect, it } from 'vitest';
import { planKeys } from '../../src/plan/planner.js';
import { escapeMarkdown, renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { T0, datePlus, days, desiredKey, desiredState, emptyPlan, liveState, mixedPlan, notFound } from '../builders/index.js';

const meta = { kmsctlVersion: '0.1.0' };

describe('renderPlanMarkdown', () => {
  it('has a heading, the summary table and the key table', () => {
    const md = renderPlanMarkdown(mixedPlan(), meta);
    expect(md).toContain('### kmsctl plan');
    expect(md).toContain('| Create | Deferred | Error | Unchanged | Due soon | Drifted versions |\n|---:|---:|---:|---:|---:|---:|\n| 1 | 1 | 3 | 1 | 0 | 3 |');
    expect(md).toContain('| Action | Name | Key | Region | Reason |');
    expect(md).toMatch(/^\| \+ create \| payments-signing \| key-pay \| cn-hangzhou \| /m);
  });

  it('folds details, with drift IDs and error hints, in a details block', () => {
    const md = renderPlanMarkdown(mixedPlan(), meta);
    const details = /<details><summary>(.*)<\/summary>\n([\s\S]*)<\/details>\n$/.exec(md);
    expect(details?.[1]).toBe('Details: 1 to create, 1 deferred, 3 errors, 3 drifted versions');
    expect(details?.[2]).toContain('kmsctl pin --adopt');
    expect(details?.[2]).not.toContain('kmsctl import');
    expect(details?.[2]).toContain('00000000-0000-4000-8000-000000000003 (created 2026-01-10T00:00:00Z)');
    expect(details?.[2]).toContain('- hint: check the alias and the region');
    expect(details?.[2]).toContain('error `key.not-found`');
  });

  it('escapes pipes and angle brackets in user text', () => {
    const key = desiredKey({ name: 'a|b <script>', keyId: 'alias/x' });
    const plan = planKeys(desiredState(key), liveState([key, notFound('Forbidden.AliasNotFound')]), datePlus(T0, days(1)));
    const md = renderPlanMarkdown(plan, meta);
    expect(md).toContain('a\\|b &lt;script&gt;');
    expect(md).not.toContain('<script>');
    const row = md.split('\n').find((line) => line.startsWith('| ! error'));
    // five cells: the escaped pipe does not split the name
    expect(row?.split(/(?<!\\)\|/).length).toBe(7);
  });

  it('escapes HTML, emphasis and new lines', () => {
    expect(escapeMarkdown('a & b < c > d')).toBe('a &amp; b &lt; c &gt; d');
    expect(escapeMarkdown('*x* _y_ `z` [l](u)')).toBe('\\*x\\* \\_y\\_ \\`z\\` \\[l\\](u)');
    expect(escapeMarkdown('one\ntwo')).toBe('one two');
  });

  it('renders an empty plan without a details block', () => {
    const md = renderPlanMarkdown(emptyPlan(), meta);
    expect(md).toContain('No keys declared.');
    expect(md).not.toContain('<details>');
  });
});
