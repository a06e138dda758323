import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { defaultUserAgent } from '../../src/kms/user-agent.js';
import { KMSCTL_VERSION } from '../../src/version.js';

test('the version is the one in package.json', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  expect(KMSCTL_VERSION).toBe(pkg.version);
});

test('the user agent names kmsctl, Node.js, the platform and the architecture', () => {
  expect(defaultUserAgent()).toBe(`kmsctl/${KMSCTL_VERSION} Node.js/${process.version} (${process.platform}; ${process.arch})`);
  expect(defaultUserAgent('9.9.9')).toMatch(/^kmsctl\/9\.9\.9 Node\.js\/v\d+\.\d+\.\d+ \(\w+; \w+\)$/);
});
