/**
 * Every config in examples/ (the files directly in it) and examples/configs/ validates. Other
 * subdirectories (seeds, CI pipelines) hold other things and are checked by their owners; the demo's
 * config is listed by name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { formatDiagnosticsText } from '../../src/diagnostics/format-text.js';
import { loadFiles } from './load-helpers.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const CONFIG_DIRS = ['examples', 'examples/configs'];

function yamlFilesIn(dir: string): string[] {
  try {
    return readdirSync(new URL(`../../${dir}/`, import.meta.url), { withFileTypes: true })
      .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
      .map((e) => `${dir}/${e.name}`)
      .sort();
  } catch {
    return [];
  }
}

/** The demo's config sits beside its seed, so it is named here rather than found by directory. */
const examples = [...CONFIG_DIRS.flatMap(yamlFilesIn), 'examples/demo/kmsctl.yaml'];

describe('example configs', () => {
  it('include the documented config and one per kind', () => {
    expect(examples).toEqual(
      expect.arrayContaining([
        'examples/kmsctl.yaml',
        'examples/configs/versions-only.yaml',
        'examples/configs/rotation-only.yaml',
        'examples/configs/versions-and-rotation.yaml',
        'examples/configs/multi-region.yaml',
        'examples/configs/accounts.yaml',
        'examples/configs/arns-and-instance-ids.yaml',
      ]),
    );
  });

  it.each(examples)('%s validates without diagnostics', async (file) => {
    const result = await loadConfig({ files: [file], cwd: root, env: {} });
    expect(formatDiagnosticsText(result.diagnostics, result.sources, { color: false })).toBe('');
    expect(result.value!.keys.length).toBeGreaterThan(0);
  });

  it('examples/configs loads as one directory', async () => {
    const result = await loadConfig({ files: ['examples/configs'], cwd: root, env: {} });
    // payments-signing appears in versions-and-rotation.yaml only; every name is unique across the directory.
    expect(result.diagnostics).toEqual([]);
  });

  it('the README\'s config validates', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## A config'));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
    const result = await loadFiles({ 'kmsctl.yaml': yaml });
    expect(formatDiagnosticsText(result.diagnostics, result.sources, { color: false })).toBe('');
    expect(result.value!.keys.map((k) => [k.name, k.account])).toEqual([
      ['payments-signing', 'payments-prod'],
      ['audit-log', 'shared-services'],
    ]);
  });
});
