import { describe, expect, it } from 'vitest';
import { summarizeApply, type KeyApplyResult } from '../../src/apply/apply-report.js';
import { APPLY_REPORT_MARKER, renderApplyMarkdown } from '../../src/render/apply-markdown.js';

describe('renderApplyMarkdown', () => {
  it('shows the summary line and one escaped row per key', () => {
    const results: KeyApplyResult[] = [
      { name: 'signing', keyId: 'alias/signing', region: 'cn-hangzhou', planned: 'create', outcome: 'created', versionId: 'v-1', requestId: 'R1', message: 'created version v-1' },
      { name: 'odd|name', keyId: 'key-x', region: 'cn-shanghai', planned: 'error', outcome: 'failed', code: 'key.symmetric', message: 'symmetric <b>key</b>' },
    ];
    const markdown = renderApplyMarkdown({ results, summary: summarizeApply(results), interrupted: false }, { kmsctlVersion: '1.2.3', appliedAt: '2026-05-01T00:00:00Z' });
    expect(markdown.startsWith(`${APPLY_REPORT_MARKER}\n### kmsctl apply\n`)).toBe(true);
    expect(markdown).toContain('**Apply complete: 1 created, 0 deferred, 1 failed.** Applied at 2026-05-01T00:00:00Z by kmsctl 1.2.3.');
    expect(markdown).toContain('| + created | signing | alias/signing | cn-hangzhou | created version v-1 (version v-1, RequestId R1) |');
    expect(markdown).toContain('| ! failed | odd\\|name | key-x | cn-shanghai | symmetric &lt;b&gt;key&lt;/b&gt; (key.symmetric) |');
  });
});
