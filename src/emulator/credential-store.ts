/**
 * Who may call the emulator, and as which account: a small store from access key ID to secret (and,
 * for temporary credentials, the security token, expiry and the role session they stand for). It holds
 * the configured pair, of the base account, and the credentials STS issues, each of the account whose
 * role was assumed.
 */

export interface Credential {
  accessKeyId: string;
  accessKeySecret: string;
  /** Set for temporary (STS) credentials: requests must carry exactly this token. */
  securityToken?: string | undefined;
  /** Temporary credentials stop working at this instant (ms since the epoch, real clock). */
  expiresAtMs?: number | undefined;
  /** The account (UID) the credential acts in; the emulator's base account when absent. */
  accountId?: string | undefined;
  /** For credentials STS issued: the role session they stand for (GetCallerIdentity shows it). */
  assumedRole?: AssumedRole | undefined;
}

export interface AssumedRole {
  /** `acs:ram::<uid>:role/<name>`, as AssumeRole named it. */
  roleArn: string;
  roleName: string;
  /** A stable number derived from the role ARN, as the service shows role IDs. */
  roleId: string;
  sessionName: string;
}

export interface CredentialStore {
  lookup(accessKeyId: string): Credential | undefined;
  register(credential: Credential): void;
  remove(accessKeyId: string): void;
}

/** The documented demo pair, used when neither options nor the environment give one. Not a secret. */
export const DEMO_ACCESS_KEY_ID = 'kmsctl-demo-access-key-id';
export const DEMO_ACCESS_KEY_SECRET = 'kmsctl-demo-access-key-secret';

export const ACCESS_KEY_ID_ENV = 'KMS_EMULATOR_ACCESS_KEY_ID';
export const ACCESS_KEY_SECRET_ENV = 'KMS_EMULATOR_ACCESS_KEY_SECRET';

export class MemoryCredentialStore implements CredentialStore {
  private readonly credentials = new Map<string, Credential>();

  constructor(initial: readonly Credential[] = []) {
    for (const credential of initial) this.register(credential);
  }

  lookup(accessKeyId: string): Credential | undefined {
    return this.credentials.get(accessKeyId);
  }

  register(credential: Credential): void {
    if (credential.accessKeyId === '' || credential.accessKeySecret === '') {
      throw new Error('a credential needs a non-empty access key ID and secret');
    }
    this.credentials.set(credential.accessKeyId, { ...credential });
  }

  remove(accessKeyId: string): void {
    this.credentials.delete(accessKeyId);
  }
}

/** Where the configured pair came from, for the startup banner (never the secret itself). */
export type CredentialSource = 'options' | 'environment' | 'demo';

/** The pair to serve: explicit options first, then the environment, then the demo pair. */
export function resolveCredential(
  options: { accessKeyId?: string | undefined; accessKeySecret?: string | undefined },
  env: Readonly<Record<string, string | undefined>>,
): { credential: Credential; source: CredentialSource } {
  if (options.accessKeyId || options.accessKeySecret) {
    if (!options.accessKeyId || !options.accessKeySecret) throw new Error('accessKeyId and accessKeySecret must be given together');
    return { credential: { accessKeyId: options.accessKeyId, accessKeySecret: options.accessKeySecret }, source: 'options' };
  }
  const id = env[ACCESS_KEY_ID_ENV];
  const secret = env[ACCESS_KEY_SECRET_ENV];
  if (id || secret) {
    if (!id || !secret) throw new Error(`${ACCESS_KEY_ID_ENV} and ${ACCESS_KEY_SECRET_ENV} must be set together`);
    return { credential: { accessKeyId: id, accessKeySecret: secret }, source: 'environment' };
  }
  return { credential: { accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET }, source: 'demo' };
}
