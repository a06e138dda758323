/**
 * The validator the build writes as code behaves as the schema compiled at run time: same verdict,
 * same errors, on valid configs and on random values anywhere in one.
 */
import fc from 'fast-check';
import type { ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { compileConfigSchema } from '../../src/config/config-validator.js';
import { configValidatorCode } from '../../src/config/config-validator-code.js';
import { VALID_OBJECT } from './load-helpers.js';

const RUNS = Number(process.env['KMSCTL_PROPERTY_RUNS'] ?? 150);


const PLACES = [[], ['version'], ['defaults'], ['defaults', 'region'], ['keys'], ['keys', 'payments-signing'], ['keys', 'payments-signing', 'keyId'], ['keys', 'payments-signing', 'versions'], ['keys', 'payments-signing', 'versions', '0'], ['keys', 'payments-signing', 'versions', '1', 'label'], ['keys', 'payments-signing', 'rotation', 'maxAge'], ['keys', 'payments-signing', 'maxVersions'], ['keys', 'other'], ['extra'], ['accounts'], ['accounts', 'prod'], ['accounts', 'prod', 'roleArn'], ['accounts', 'prod', 'durationSeconds'], ['defaults', 'rotation'], ['defaults', 'rotation', 'warnBefore'], ['defaults', 'maxVersions'], ['keys', 'payments-signing', 'account']];

function withValueAt(path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(VALID_OBJECT) as unknown as Record<string, unknown>;
  let node = copy;
  for (const segment of path.slice(0, -1)) {
    if (typeof node[segment] !== 'object' || node[segment] === null) node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  }
  node[path.at(-1)!] = value;
  return copy;
}

function verdict(validate: ValidateFunction, value: unknown): { valid: boolean; errors: unknown } {
  const valid = validate(value);
  return { valid, errors: validate.errors ?? null };
}

describe('the config validator written as code', () => {
  it('gives the verdict and the errors of the schema compiled at run time', async () => {
    const code = await configValidatorCode();
    const written = ((await import(`data:text/javascript,${encodeURIComponent(code)}`)) as { default: ValidateFunction }).default;
    const compiled = await compileConfigSchema();
    expect(verdict(written, VALID_OBJECT)).toEqual({ valid: true, errors: null });
    fc.assert(
      fc.property(fc.constantFrom(...PLACES), fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom('90D', '6d', 51, 0, -1, 1.5, 'alias/', '', null, [], {}, [{}])), (path, value) => {
        const input = withValueAt(path, value);
        expect(verdict(written, input)).toEqual(verdict(compiled, input));
      }),
      { numRuns: RUNS * 2 },
    );
  });
});
