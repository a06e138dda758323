/**
 * Every place kmsctl and its emulator echo text they did not write, fed arbitrary text: nothing printed
 * holds a control character a terminal acts on (C0 but tab and line feed, DEL, C1, bidi controls) or a
 * secret. The echo points, each with the test below that covers it:
 *
 *  1. config diagnostics (source line, summary, detail, file name; text, line and GitHub formats) ........ "config diagnostics"
 *  2. relayed service errors (Code, Message, RequestId, HostId, Recommend of an error body) ............... "relayed service errors"
 *  3. STS failures relayed by the credentials library ....................................................... "relayed STS failures"
 *  4. the emulator's error answers, which quote parameters, actions, headers and admin bodies:
 *     KMS actions (signed), the gateway's refusals (unsigned, malformed), STS, /_emulator/ ............... "the emulator's error answers"
 *  5. the emulator's request log (--debug) ................................................................ "the emulator's error answers"
 *  6. the emulator's start errors (state file path and problem) .......................................... "the emulator's start errors"
 *  7. the plan as text and markdown: key names, key IDs, labels, version IDs, service codes, messages
 *     and request IDs of keys in error ................................................................... "plan output"
 *  8. the apply report: names, key IDs, version IDs, messages, codes and request IDs ..................... "apply output"
 *  9. the failure that ends a command (`error[code]: message`, detail) ..................................... "config diagnostics" (same formatter), and "relayed service errors"
 *
 * Other files go deeper on some points: test/diagnostics/echo.property.test.ts (1), test/kms/relayed-text.test.ts (2, 3).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { KeyApplyResult } from '../../src/apply/apply-report.js';
import { summarizeApply } from '../../src/apply/apply-report.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { formatDiagnosticsGithub } from '../../src/diagnostics/format-github.js';
import { formatDiagnosticsLines } from '../../src/diagnostics/format-line.js';
import { formatDiagnosticsText } from '../../src/diagnostics/format-text.js';
import { StateFileError, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { KmsApiError } from '../../src/kms/errors.js';
import { interpretResponse } from '../../src/kms/interpret-response.js';
import { credentialsFailure } from '../../src/kms/library-credentials.js';
import { planKeys } from '../../src/plan/planner.js';
import { renderApplyText } from '../../src/render/apply-text.js';
import { renderPlanMarkdown } from '../../src/render/plan-markdown.js';
import { renderPlanText } from '../../src/render/plan-text.js';
import { T0, datePlus, days, desiredKey, desiredState, found, isoPlus, liveKey, liveState, pinned, readFailed, unpinned } from '../builders/index.js';
import { encodeParams, send, TestKms } from '../emulator/signed-client.js';

const RUNS = Number(process.env['KMSCTL_PROPERTY_RUNS'] ?? 60);
/** What a terminal acts on: C0 but TAB and LF, DEL, C1, and the bidi controls. */
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
/** Pieces an attacker reaches for, and ordinary text around them (graphemes: no lone surrogates, which no client can send). */
const PIECES = ['\u001b[2J', '\u001b]0;owned\u0007', '\r', '\n', '\t', '\u0000', '\u007f', '\u009b', '\u0085', '\u202e', '\u2066', '\u200f', '"', '\\', '%', '&', '=', '<', 'é', '😀', 'x'.repeat(40)];
const hostile = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'grapheme', maxLength: 12 })), { maxLength: 8 }).map((parts) => parts.join(''));
const hostileNonEmpty = hostile.map((text) => `${text}\u001b[31m`);

/**
 * What the client's relay (src/kms/redact.ts) escapes in the error objects it builds: ACTIVE but the three
 * implicit direction marks (U+061C, U+200E, U+200F), which the formatters that print those errors escape.
 */
const RELAYED_ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

function expectClean(text: string, where: string, active: RegExp = ACTIVE): void {
  expect(active.exec(text)?.[0], `${where}: ${JSON.stringify(text.slice(0, 200))}`).toBeUndefined();
}

/** A failure as the CLI prints it: `error[code]: message` and its detail, through the diagnostics formatter. */
function printedFailure(code: string, message: string, detail?: string): string {
  return formatDiagnosticsText([{ severity: 'error', code, summary: message, detail }], new Map(), { color: false });
}

describe('config diagnostics', () => {
  test('any source, summary, detail and file name come out without an active control character, in every format', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, hostile, (source, summary, detail, file) => {
        const diagnostic: Diagnostic = { severity: 'error', code: 'config.x', summary, detail, source: { file, start: 0, end: source.length } };
        const sources = new Map([[file, source]]);
        expectClean(formatDiagnosticsText([diagnostic], sources, { color: false }), 'text');
        expectClean(formatDiagnosticsLines([diagnostic], sources), 'lines');
        expectClean(formatDiagnosticsGithub([diagnostic], sources), 'github');
      }),
      { numRuns: RUNS },
    );
  });
});

describe('relayed service errors', () => {
  const SECRET = 'relay-secret-Zq8#tX!';
  const TOKEN = 'CAISrelaytoken/9+Qw==';
  test('any error body shows no control character, no secret and no token', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, hostile, (code, message, requestId, hostId) => {
        const body = JSON.stringify({ Code: `X${code}`, Message: `${message}${SECRET} SecurityToken=${encodeURIComponent(TOKEN)}`, RequestId: requestId, HostId: hostId, Recommend: message });
        let error: unknown;
        try {
          interpretResponse({ status: 400, headers: {}, body }, () => ({ requestId: '' }), { action: 'DescribeKey', endpoint: 'https://kms.cn-hangzhou.aliyuncs.com', keyId: 'k', secrets: [SECRET, TOKEN], accessKeyIds: [] });
        } catch (thrown) {
          error = thrown;
        }
        const api = error as KmsApiError;
        for (const shown of [api.message, api.code, api.serviceMessage, api.requestId, api.hostId ?? '', api.recommend ?? '']) {
          expectClean(shown, 'relayed', RELAYED_ACTIVE);
          expect(shown).not.toContain(SECRET);
          expect(shown).not.toContain(TOKEN);
        }
        expectClean(printedFailure('kms.api-error', api.message, api.recommend), 'printed');
      }),
      { numRuns: RUNS },
    );
  });

  test('relayed STS failures show no control character and no secret', () => {
    fc.assert(
      fc.property(hostile, (noise) => {
        const error = credentialsFailure('OIDC role r', new Error(`${noise} ${SECRET} {"Message":"${noise}"}`), [SECRET], []);
        expectClean(error.message.split('\n').join(' '), 'sts', RELAYED_ACTIVE);
        expectClean(printedFailure('credentials.failed', error.message), 'printed');
        expect(error.message).not.toContain(SECRET);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("the emulator's error answers", () => {
  const ID = 'echo-test-access-key-id';
  const SECRET = 'echo-test-secret-Hq2!x';
  let emulator: RunningEmulator;
  const log: string[] = [];
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, env: {}, now: T0, freezeClock: true, accessKeyId: ID, accessKeySecret: SECRET, stsOidcToken: 'header.payload.signature', log: (line) => log.push(line) });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  /** Every text field of an error answer (JSON), checked; the answer itself may be any status. */
  function checkAnswer(response: { status: number; text: string; body?: Record<string, unknown> }, where: string): void {
    expect(response.status, where).not.toBe(500);
    expect(response.text).not.toContain(SECRET);
    const body = response.body ?? {};
    for (const field of ['Message', 'HostId', 'Recommend', 'Code']) {
      if (typeof body[field] === 'string') expectClean(body[field], `${where} ${field}`);
    }
  }

  test('signed KMS calls with any parameter value', async () => {
    const kms = new TestKms(emulator.url, { accessKeyId: ID, accessKeySecret: SECRET });
    await fc.assert(
      fc.asyncProperty(hostileNonEmpty, async (value) => {
        for (const [action, params] of [
          ['DescribeKey', { KeyId: value }],
          ['CreateAlias', { KeyId: 'key-x', AliasName: value }],
          ['ScheduleKeyDeletion', { KeyId: 'key-x', PendingWindowInDays: value }],
          ['CreateKey', { KeySpec: value }],
          ['ListKeys', { PageSize: value }],
          [value, {}],
        ] as const) {
          checkAnswer(await kms.call(action, params, { format: 'JSON' }), `${action}`);
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('unsigned and malformed requests: any action, access key ID, timestamp, nonce, version or Host', async () => {
    await fc.assert(
      fc.asyncProperty(hostileNonEmpty, async (value) => {
        const base = { Format: 'JSON', Version: '2016-01-20', SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', Signature: 'x', AccessKeyId: ID, SignatureNonce: 'n', Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), Action: 'ListKeys' };
        for (const name of ['Action', 'AccessKeyId', 'Timestamp', 'SignatureNonce', 'Version', 'SignatureMethod']) {
          checkAnswer(await send(emulator.url, 'GET', `/?${encodeParams({ ...base, [name]: value })}`, {}), name);
        }
        const latin1Host = Buffer.from(value, 'utf8').toString('latin1').replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '');
        checkAnswer(await send(emulator.url, 'GET', `/?${encodeParams(base)}`, { host: `h${latin1Host}` }), 'Host');
      }),
      { numRuns: RUNS },
    );
  });

  test('STS: AssumeRoleWithOIDC with any role, session, provider, duration and token; the token is never quoted', async () => {
    await fc.assert(
      fc.asyncProperty(hostileNonEmpty, fc.stringMatching(/^[0-9a-f]{12}$/), async (value, marker) => {
        const token = `${value}.tok-${marker}.${value}`;
        const good = { OIDCProviderArn: 'acs:ram::1:oidc-provider/p', RoleArn: 'acs:ram::1:role/r', OIDCToken: token };
        for (const change of [{}, { RoleArn: value }, { RoleSessionName: value }, { OIDCProviderArn: value }, { DurationSeconds: value }] as Record<string, string>[]) {
          const query = encodeParams({ Version: '2015-04-01', Action: 'AssumeRoleWithOIDC', Format: 'JSON' });
          const response = await send(emulator.url, 'POST', `/?${query}`, { 'content-type': 'application/x-www-form-urlencoded' }, encodeParams({ ...good, ...change }));
          checkAnswer(response, 'AssumeRoleWithOIDC');
          expect(response.text).not.toContain(`tok-${marker}`);
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('the /_emulator/ endpoints with any body, and the request log', async () => {
    await fc.assert(
      fc.asyncProperty(hostileNonEmpty, async (value) => {
        const json = { 'content-type': 'application/json' };
        for (const [path, body] of [
          ['clock', { advance: value }],
          ['clock', { set: value }],
          ['clock', { [value]: '1d' }],
          ['latency', { latency: value }],
          ['quota', { quotas: value }],
          ['quota', { quotas: { [value]: 1 } }],
          ['faults', { seed: 1, rules: [{ action: value, probability: 1, effect: 'reset' }] }],
          ['faults', { seed: 1, rules: [{ action: 'ListKeys', probability: 1, effect: value }] }],
        ] as const) {
          checkAnswer(await send(emulator.url, 'POST', `/_emulator/${path}`, json, JSON.stringify(body)), `/_emulator/${path}`);
        }
        checkAnswer(await send(emulator.url, 'GET', `/_emulator/${encodeURIComponent(value)}`, {}), '/_emulator/<path>');
        expect(emulator.clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
      }),
      { numRuns: RUNS },
    );
    for (const line of log) expectClean(line, 'log');
  });
});

describe("the emulator's start errors", () => {
  test('a state file error shows the path and the problem without an active control character', () => {
    fc.assert(
      fc.property(hostile, hostile, (file, problem) => {
        expectClean(new StateFileError(file, problem).message, 'StateFileError');
      }),
      { numRuns: RUNS },
    );
  });
});

describe('plan output', () => {
  test('any key name, key ID, label, version ID and service answer comes out of the text and markdown plans without an active control character', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, hostile, hostile, (name, keyId, label, versionId, message) => {
        const keys = [
          desiredKey({ name: `${name}a`, keyId: `${keyId}a`, versions: [pinned(`${versionId}v`, label), unpinned(label)] }),
          desiredKey({ name: `${name}b`, keyId: `${keyId}b`, versions: [unpinned(label)] }),
          desiredKey({ name: `${name}c`, keyId: `${keyId}c`, rotation: '30d', versions: [unpinned(label)] }),
        ];
        const [a, b, c] = keys as [(typeof keys)[0], (typeof keys)[0], (typeof keys)[0]];
        const live = liveState(
          [a, found(liveKey({ keyId: `${keyId}a`, versions: [{ id: `${versionId}v`, creationDate: T0 }, { id: `${versionId}drift`, creationDate: isoPlus(T0, days(1)) }] }))],
          [b, readFailed(`Forbidden.${message}`, message, message)],
          [c, found(liveKey({ keyId: `${keyId}c`, versions: [{ id: versionId || 'v', creationDate: isoPlus(T0, -days(60)) }] }))],
        );
        const plan = planKeys(desiredState(...keys), live, datePlus(T0, days(10)));
        expectClean(renderPlanText(plan, { color: false }), 'plan text');
        expectClean(renderPlanMarkdown(plan, { kmsctlVersion: '0.0.0' }), 'plan markdown');
      }),
      { numRuns: RUNS },
    );
  });
});

describe('apply output', () => {
  test('any name, key ID, version ID, message, code and request ID comes out of the apply report without an active control character', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, hostile, (name, keyId, versionId, message) => {
        const results: KeyApplyResult[] = [
          { name, keyId, region: 'cn-hangzhou', planned: 'create', outcome: 'created', versionId, message },
          { name, keyId, region: 'cn-hangzhou', planned: 'create', outcome: 'failed', message, code: message, requestId: message },
          { name, keyId, region: 'cn-hangzhou', planned: 'create', outcome: 'skipped', message },
        ];
        expectClean(renderApplyText({ results, summary: summarizeApply(results), interrupted: false }, false), 'apply text');
      }),
      { numRuns: RUNS },
    );
  });
});
