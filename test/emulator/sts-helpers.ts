/**
 * Shared by the STS tests: OIDC tokens signed by a test issuer (whose public keys an emulator is given
 * with `OIDC_TEST_ISSUER`), and AssumeRole / AssumeRoleWithOIDC calls against an emulator over HTTP.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { encodeParams, send, TestKms, type ApiResponse, type CallOptions } from './signed-client.js';

export const ROLE_ARN = 'acs:ram::1234567890123456:role/kmsctl-ci';
export const OIDC_PROVIDER_ARN = 'acs:ram::1234567890123456:oidc-provider/github';

/** The test issuer's RS256 key pair, with a `kid`, made once per test file. */
export const OIDC_TEST_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 });
export const OIDC_TEST_KID = 'kmsctl-test-issuer-1';
/** The test issuer's JWKS document, as an issuer serves it at its jwks_uri. */
export const OIDC_TEST_JWKS = JSON.stringify({ keys: [{ ...OIDC_TEST_KEY.publicKey.export({ format: 'jwk' }), kid: OIDC_TEST_KID, alg: 'RS256', use: 'sig' }] });
/** Emulator options that trust the test issuer, so `jwt()` tokens are accepted. */
export const OIDC_TEST_ISSUER = { stsOidcIssuerKey: OIDC_TEST_JWKS } as const;

const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The claims of a GitHub Actions token, expiring in ten minutes, with `payload` on top. */
function claims(payload: Record<string, unknown>): Record<string, unknown> {
  return { iss: 'https://token.actions.githubusercontent.com', sub: 'repo:acme/keys:ref:refs/heads/main', aud: 'sts.aliyuncs.com', exp: Math.floor(Date.now() / 1000) + 600, ...payload };
}

/**
 * An OIDC token as a CI system writes it to its token file: RS256, signed by the test issuer. With
 * another header `alg` (none, HS256, ...) the signature part is a fixed placeholder: a forged token.
 */
export function jwt(payload: Record<string, unknown> = {}, header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT', kid: OIDC_TEST_KID }): string {
  if (header['alg'] === 'RS256') return signedJwt(OIDC_TEST_KEY.privateKey, 'RS256', payload, header);
  return `${part(header)}.${part(claims(payload))}.c2lnbmF0dXJl`;
}

/** A token signed with `privateKey`: RS256, or ES256 with the raw r||s signature JWS uses. */
export function signedJwt(privateKey: KeyObject, alg: 'RS256' | 'ES256', payload: Record<string, unknown> = {}, header: Record<string, unknown> = { alg, typ: 'JWT' }): string {
  const input = `${part(header)}.${part(claims(payload))}`;
  const signature = sign('sha256', Buffer.from(input), alg === 'ES256' ? { key: privateKey, dsaEncoding: 'ieee-p1363' } : privateKey);
  return `${input}.${signature.toString('base64url')}`;
}

/** A signed STS call (V1 by default), with the STS API version. */
export function sts(url: string, action: string, params: Record<string, string>, options: CallOptions = {}): Promise<ApiResponse> {
  return new TestKms(url).call(action, params, { version: '2015-04-01', ...options });
}

/** AssumeRoleWithOIDC as the credentials library sends it: unsigned, common parameters in the query, the rest in a form. */
export function assumeRoleWithOidc(url: string, form: Record<string, string>, query: Record<string, string> = {}): Promise<ApiResponse> {
  const q = { Version: '2015-04-01', Action: 'AssumeRoleWithOIDC', Format: 'JSON', Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), ...query };
  return send(url, 'POST', `/?${encodeParams(q)}`, { 'content-type': 'application/x-www-form-urlencoded' }, encodeParams(form));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** A signed client acting with STS credentials: every call carries their SecurityToken. */
export class StsKms {
  private readonly kms: TestKms;
  constructor(
    url: string,
    readonly credentials: { AccessKeyId: string; AccessKeySecret: string; SecurityToken: string },
  ) {
    this.kms = new TestKms(url, { accessKeyId: credentials.AccessKeyId, accessKeySecret: credentials.AccessKeySecret });
  }

  call(action: string, params: Record<string, string> = {}, options: CallOptions = {}): Promise<ApiResponse> {
    return this.kms.call(action, { SecurityToken: this.credentials.SecurityToken, ...params }, options);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ok(action: string, params: Record<string, string> = {}, options: CallOptions = {}): Promise<any> {
    return this.kms.ok(action, { SecurityToken: this.credentials.SecurityToken, ...params }, options);
  }
}

/** AssumeRole into `roleArn` with the emulator's own key, and a client acting with the credentials. */
export async function assumeRoleKms(url: string, roleArn: string, sessionName = 'emulator-test'): Promise<StsKms> {
  const response = await sts(url, 'AssumeRole', { RoleArn: roleArn, RoleSessionName: sessionName });
  if (response.status !== 200) throw new Error(`AssumeRole ${roleArn} failed: HTTP ${response.status} ${response.text}`);
  return new StsKms(url, response.body.Credentials);
}
