/**
 * Every place the client relays text a server sent (the error body's fields, STS's answers through the
 * credentials library, a URL in a message) shows no secret, no token, no full access key ID and no
 * control character, whatever the text; and the service's own echoes of the access key ID come out masked.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { createKmsClients } from '../../src/kms/client-factory.js';
import { maskAccessKeyId, StaticCredentialsProvider } from '../../src/kms/credentials.js';
import { quoteUrl } from '../../src/kms/endpoint.js';
import { KmsApiError } from '../../src/kms/errors.js';
import { interpretResponse } from '../../src/kms/interpret-response.js';
import { credentialsFailure } from '../../src/kms/library-credentials.js';
import { sanitizeRelayedText } from '../../src/kms/redact.js';
import { percentEncode } from '../../src/kms/signing/percent-encode.js';

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const secretArb = fc.string({ minLength: 8, maxLength: 40, unit: 'grapheme' }).filter((s) => s.trim().length >= 8);
const idArb = fc.stringMatching(/^LTAI[A-Za-z0-9]{12,20}$/);

/** Arbitrary text with the secret, token and ID spliced in, raw and percent-encoded once or twice, in any order. */
function textWith(secret: string, token: string, id: string): fc.Arbitrary<string> {
  const forms = [secret, token, id, percentEncode(secret), percentEncode(token), percentEncode(percentEncode(token)), percentEncode(id), `AccessKeyId=${id}`, `Specified access key is not found: ${id}`];
  const piece = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom(...forms), fc.constantFrom('\u001b[2J', '\r', '\n', '\u202e', '\u0085', 'SecurityToken=', '%26'));
  return fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(''));
}

function check(shown: string, secret: string, token: string, id: string): void {
  expect(shown).not.toMatch(CONTROL);
  expect(shown).not.toContain(secret);
  expect(shown).not.toContain(token);
  expect(shown).not.toContain(id);
}

describe('text relayed from a server', () => {
  test('an error body of any content: code, message, request ID, host ID and recommendation show no secret, token, ID or control character', () => {
    fc.assert(
      fc.property(secretArb, secretArb, idArb, fc.array(fc.string({ unit: 'binary', maxLength: 20 }), { minLength: 5, maxLength: 5 }), (secret, token, id, seeds) => {
        fc.pre(![secret, token].some((s) => id.includes(s) || s.includes(id)) && !secret.includes(token) && !token.includes(secret));
        const sample = fc.sample(textWith(secret, token, id), { numRuns: 5, seed: seeds.join('').length });
        const [code, message, requestId, hostId, recommend] = sample.map((text, i) => `${seeds[i] ?? ''}${text}`);
        const body = JSON.stringify({ Code: `X${code}`, Message: message, RequestId: requestId, HostId: hostId, Recommend: recommend });
        let error: unknown;
        try {
          interpretResponse({ status: 400, headers: {}, body }, () => ({ requestId: '' }), { action: 'DescribeKey', endpoint: 'https://kms.cn-hangzhou.aliyuncs.com', keyId: 'k', secrets: [secret, token], accessKeyIds: [id] });
        } catch (thrown) {
          error = thrown;
        }
        expect(error).toBeInstanceOf(KmsApiError);
        const api = error as KmsApiError;
        for (const shown of [api.message, api.code, api.serviceMessage, api.requestId, api.hostId ?? '', api.recommend ?? '']) check(shown, secret, token, id);
      }),
      { numRuns: 100 },
    );
  });

  test('an STS failure relayed by the credentials library shows no secret, token, ID or control character', () => {
    fc.assert(
      fc.property(secretArb, secretArb, idArb, fc.string({ unit: 'binary', maxLength: 60 }), (secret, token, id, noise) => {
        fc.pre(![secret, token].some((s) => id.includes(s) || s.includes(id)) && !secret.includes(token) && !token.includes(secret));
        const message = `${noise} ${secret} {"Code":"Bad","Message":"${token} Specified access key is not found: ${id}\u001b[2J","RequestId":"r"} ${percentEncode(id)}`;
        const error = credentialsFailure('CLI profile "ci"', new Error(message), [secret, token], [id]);
        check(error.message.split('\n').join(' '), secret, token, id);
      }),
      { numRuns: 200 },
    );
  });

  test('sanitising is stable: text already sanitised is left as it is', () => {
    fc.assert(
      fc.property(secretArb, idArb, fc.string({ unit: 'binary', maxLength: 100 }), (secret, id, text) => {
        const once = sanitizeRelayedText(`${text} AccessKeyId=${id}`, { secrets: [secret], accessKeyIds: [id] });
        expect(sanitizeRelayedText(once, { secrets: [secret], accessKeyIds: [id] })).toBe(once);
      }),
    );
  });

  test('a URL quoted in a message never shows what stands before the @, nor a control character', () => {
    fc.assert(
      fc.property(fc.constantFrom('http://', 'https://', 'ftp://', ''), fc.string({ unit: 'binary', maxLength: 20 }), secretArb, fc.string({ unit: 'binary', maxLength: 20 }), (scheme, user, password, rest) => {
        fc.pre(!/[/?#@]/.test(user + password) && !rest.includes(password));
        const shown = quoteUrl(`${scheme}${user}:${password}@127.0.0.1:99999${rest.replace(/@/g, '')}`);
        expect(shown).not.toMatch(CONTROL);
        expect(shown).not.toContain(password);
      }),
    );
  });
});

describe("the service's echoes of the access key ID come out masked", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, env: {} });
  });
  afterAll(async () => {
    await emulator.close();
  });

  test('"Specified access key is not found: <id>" names the ID masked', async () => {
    const id = 'dummyUnknownKey7Xyz';
    const clients = createKmsClients({ endpoint: emulator.url, env: {}, retry: { maxAttempts: 1 }, credentials: new StaticCredentialsProvider({ accessKeyId: id, accessKeySecret: 'whatever' }) });
    const error = (await clients.forRegion('cn-hangzhou').listKeysPage(1, 1).catch((e: unknown) => e)) as KmsApiError;
    await clients.close();
    expect(error.code).toBe('InvalidAccessKeyId.NotFound');
    expect(error.message).not.toContain(id);
    expect(error.message).toContain(maskAccessKeyId(id));
  });

  test.each(['v1', 'v3'] as const)('the string to sign echoed with SignatureDoesNotMatch (%s) holds the ID masked, and no secret', async (signatureVersion) => {
    const clients = createKmsClients({
      endpoint: emulator.url,
      env: {},
      signatureVersion,
      retry: { maxAttempts: 1 },
      credentials: new StaticCredentialsProvider({ accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: `${DEMO_ACCESS_KEY_SECRET}-wrong`, securityToken: 'token-never-shown-0001' }),
    });
    const error = (await clients.forRegion('cn-hangzhou').listKeysPage(1, 1).catch((e: unknown) => e)) as KmsApiError;
    await clients.close();
    expect(error.code).toBe('SignatureDoesNotMatch');
    for (const text of [error.message, error.serviceMessage]) {
      expect(text).not.toContain(DEMO_ACCESS_KEY_ID);
      expect(text).not.toContain(percentEncode(DEMO_ACCESS_KEY_ID));
      expect(text).not.toContain('token-never-shown-0001');
      expect(text).not.toContain(DEMO_ACCESS_KEY_SECRET);
    }
  });
});
