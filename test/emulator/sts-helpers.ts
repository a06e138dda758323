/** Shared by the STS tests: JWT-shaped tokens, and AssumeRole / AssumeRoleWithOIDC calls against an emulator over HTTP. */
import { encodeParams, send, TestKms, type ApiResponse, type CallOptions } from './signed-client.js';

export const ROLE_ARN = 'acs:ram::1234567890123456:role/kmsctl-ci';
export const OIDC_PROVIDER_ARN = 'acs:ram::1234567890123456:oidc-provider/github';

/** A token shaped like a JWT (not signed by anyone): what a CI system writes to its token file. */
export function jwt(payload: Record<string, unknown> = {}, header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT' }): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part({ iss: 'https://token.actions.githubusercontent.com', sub: 'repo:acme/keys:ref:refs/heads/main', aud: 'sts.aliyuncs.com', exp: Math.floor(Date.now() / 1000) + 600, ...payload })}.c2lnbmF0dXJl`;
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
