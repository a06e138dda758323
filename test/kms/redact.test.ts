import { describe, expect, test } from 'vitest';
import { REDACTED, redactSecrets } from '../../src/kms/redact.js';

const TOKEN = 'CAIS+token/with=specials';

describe('redacting secrets from service text', () => {
  test('raw, percent-encoded and doubly encoded copies are replaced', () => {
    const once = encodeURIComponent(TOKEN);
    const twice = encodeURIComponent(once);
    const text = `a ${TOKEN} b ${once} c ${twice}`;
    expect(redactSecrets(text, [TOKEN])).toBe(`a ${REDACTED} b ${REDACTED} c ${REDACTED}`);
  });

  test('whatever follows SecurityToken= in a quoted string to sign is replaced, known or not', () => {
    const sts = 'POST&%2F&AccessKeyId%3Did%26SecurityToken%3DUNKNOWN-token%252B%26SignatureMethod%3DHMAC-SHA1';
    expect(redactSecrets(sts, [])).toBe(`POST&%2F&AccessKeyId%3Did%26SecurityToken%3D${REDACTED}%26SignatureMethod%3DHMAC-SHA1`);
    expect(redactSecrets('SecurityToken=abc&x=1', [])).toBe(`SecurityToken=${REDACTED}&x=1`);
    expect(redactSecrets('the SecurityToken=abc', [])).toBe(`the SecurityToken=${REDACTED}`);
  });

  test('a known token containing & is replaced whole', () => {
    expect(redactSecrets('SecurityToken=ab&cd&x=1', ['ab&cd'])).toBe(`SecurityToken=${REDACTED}&x=1`);
  });

  test('text without secrets is unchanged', () => {
    expect(redactSecrets('The key is disabled.', ['secret-value', undefined])).toBe('The key is disabled.');
  });
});
