import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { comments, formatConfigText } from '../../src/config-edit/format-config.js';

const MESSY = `# kmsctl.yaml: the team's keys
# (header comment)

version: 1
keys:
    # Payments come first.
    payments-signing:       # the logical name
        # the ceiling comes first here
        maxVersions: 40
        rotation:
            maxAge: 90d     # quarterly
        versions:           # oldest first
        -   label: initial
            id: 2ab1a983-7072-4bbc-a582-584b5bd8aaaa   # the first
        # a comment between entries
        - label: "2026-q4"
          # the label is quoted
        -   {label: flow,   id: 3f0c1a2b-0000-4000-8000-00000000000a}   # flow
        region: cn-shanghai
        keyId:   'alias/payments-signing'   # quoted


    tokens:
        keyId: alias/tokens
        rotation: { maxAge: 30d }
defaults:
    region: cn-hangzhou
# the end
`;

const CANONICAL = `# kmsctl.yaml: the team's keys
# (header comment)

version: 1
defaults:
  region: cn-hangzhou
keys:
  # Payments come first.
  payments-signing:       # the logical name
    keyId: 'alias/payments-signing'   # quoted
    region: cn-shanghai
    versions:           # oldest first
      - label: initial
        id: 2ab1a983-7072-4bbc-a582-584b5bd8aaaa   # the first
      # a comment between entries
      - label: "2026-q4"
        # the label is quoted
      - { label: flow, id: 3f0c1a2b-0000-4000-8000-00000000000a }   # flow
    rotation:
      maxAge: 90d     # quarterly
    # the ceiling comes first here
    maxVersions: 40

  tokens:
    keyId: alias/tokens
    rotation: { maxAge: 30d }
# the end
`;

describe('formatConfigText', () => {
  it('indents by two, orders keys canonically and keeps every comment', () => {
    const result = formatConfigText('kmsctl.yaml', MESSY);
    expect(result.diagnostics).toEqual([]);
    expect(result.text).toBe(CANONICAL);
    expect(parse(result.text!)).toEqual(parse(MESSY));
    expect(comments(result.text!)).toEqual(comments(MESSY));
  });

  it('leaves a formatted file byte for byte as it is', () => {
    expect(formatConfigText('kmsctl.yaml', CANONICAL).text).toBe(CANONICAL);
  });

  it('keeps CRLF line breaks', () => {
    const result = formatConfigText('k.yaml', 'version: 1\r\nkeys:\r\n    k:\r\n        keyId: alias/k\r\n');
    expect(result.text).toBe('version: 1\r\nkeys:\r\n  k:\r\n    keyId: alias/k\r\n');
  });

  it('refuses a file with YAML errors, with the position', () => {
    const result = formatConfigText('k.yaml', 'version: 1\nkeys:\n  k: [\n');
    expect(result.text).toBeUndefined();
    expect(result.diagnostics[0]?.code).toBe('config.yaml-syntax');
    expect(result.diagnostics[0]?.source?.file).toBe('k.yaml');
  });

  it.each(['examples/kmsctl.yaml', ...readdirSync(new URL('../../examples/configs/', import.meta.url)).map((f) => `examples/configs/${f}`), 'examples/demo/kmsctl.yaml'])(
    'formats %s to a stable text with the same value and comments',
    (file) => {
      const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
      const result = formatConfigText(file, text);
      expect(result.diagnostics).toEqual([]);
      expect(parse(result.text!)).toEqual(parse(text));
      expect(formatConfigText(file, result.text!).text).toBe(result.text);
    },
  );

  it('orders accounts, defaults and their fields canonically: version, accounts, defaults, keys; account before keyId', () => {
    const messy = `keys:
  a:
    rotation:
      warnBefore: 14d
      maxAge: 90d
    keyId: alias/a
    account: prod     # the production account
defaults:
  maxVersions: 20
  rotation: {maxAge: 90d}
  region: cn-hangzhou
  account: prod
accounts:
  prod:
    sessionName: kmsctl-ci
    roleArn: acs:ram::1234567890123456:role/kmsctl
version: 1
`;
    const result = formatConfigText('k.yaml', messy);
    expect(result.diagnostics).toEqual([]);
    expect(result.text).toBe(`version: 1
accounts:
  prod:
    roleArn: acs:ram::1234567890123456:role/kmsctl
    sessionName: kmsctl-ci
defaults:
  account: prod
  region: cn-hangzhou
  rotation: {maxAge: 90d}
  maxVersions: 20
keys:
  a:
    account: prod     # the production account
    keyId: alias/a
    rotation:
      maxAge: 90d
      warnBefore: 14d
`);
  });
});
