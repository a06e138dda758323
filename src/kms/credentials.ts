/**
 * Where the access key comes from. A `CredentialsProvider` is asked before every attempt (so a later
 * STS-based provider can refresh); this issue ships the environment provider and a static one.
 */
import { KmsConfigError } from './errors.js';

export interface Credentials {
  accessKeyId: string;
  accessKeySecret: string;
  /** Set for STS credentials; sent as `SecurityToken`. */
  securityToken?: string | undefined;
}

/** What `kmsctl` may print about the credentials in use: never the secret or token. */
export interface CredentialsDescription {
  /** The source, e.g. `environment`. */
  source: string;
  /** The access key ID masked by `maskAccessKeyId`. */
  accessKeyId: string;
  /** Whether the credentials are temporary (STS) ones. */
  hasSecurityToken: boolean;
}

export interface CredentialsProvider {
  /** The credentials for the next request. Rejects with `KmsConfigError` when there are none. */
  getCredentials(): Promise<Credentials>;
  /** The source name and masked access key ID, for `--debug` and error hints. */
  describe(): Promise<CredentialsDescription>;
}

export const ACCESS_KEY_ID_ENV_VAR = 'ALIBABA_CLOUD_ACCESS_KEY_ID';
export const ACCESS_KEY_SECRET_ENV_VAR = 'ALIBABA_CLOUD_ACCESS_KEY_SECRET';
export const SECURITY_TOKEN_ENV_VAR = 'ALIBABA_CLOUD_SECURITY_TOKEN';

/** Shows at most the first 4 and last 4 characters: `LTAI****7Xyz`; short IDs show less, tiny ones nothing. */
export function maskAccessKeyId(accessKeyId: string): string {
  const id = accessKeyId.trim();
  if (id.length >= 12) return `${id.slice(0, 4)}****${id.slice(-4)}`;
  if (id.length >= 8) return `${id.slice(0, 2)}****${id.slice(-2)}`;
  return '****';
}

/**
 * Reads `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and the optional
 * `ALIBABA_CLOUD_SECURITY_TOKEN` from the env object it is given, each time it is asked.
 * Values are trimmed (a pasted trailing newline would otherwise break every signature).
 */
export class EnvCredentialsProvider implements CredentialsProvider {
  readonly #env: Readonly<Record<string, string | undefined>>;

  constructor(env: Readonly<Record<string, string | undefined>>) {
    this.#env = env;
  }

  async getCredentials(): Promise<Credentials> {
    const accessKeyId = this.#read(ACCESS_KEY_ID_ENV_VAR);
    const accessKeySecret = this.#read(ACCESS_KEY_SECRET_ENV_VAR);
    const securityToken = this.#read(SECURITY_TOKEN_ENV_VAR);
    const missing = [accessKeyId === undefined ? ACCESS_KEY_ID_ENV_VAR : undefined, accessKeySecret === undefined ? ACCESS_KEY_SECRET_ENV_VAR : undefined].filter(
      (name): name is string => name !== undefined,
    );
    if (accessKeyId === undefined || accessKeySecret === undefined) {
      throw new KmsConfigError(
        'credentials.missing',
        `no Alibaba Cloud credentials: set ${missing.join(' and ')} (and ${SECURITY_TOKEN_ENV_VAR} for STS credentials) in the environment`,
      );
    }
    return securityToken === undefined ? { accessKeyId, accessKeySecret } : { accessKeyId, accessKeySecret, securityToken };
  }

  async describe(): Promise<CredentialsDescription> {
    const credentials = await this.getCredentials();
    return { source: 'environment', accessKeyId: maskAccessKeyId(credentials.accessKeyId), hasSecurityToken: credentials.securityToken !== undefined };
  }

  #read(name: string): string | undefined {
    const value = this.#env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  /** Keeps the env object (and so the secret) out of `util.inspect` and `JSON.stringify`. */
  toJSON(): { source: string } {
    return { source: 'environment' };
  }
}

/** Fixed credentials given in code (tests, the emulator's demo key, a future profile loader). */
export class StaticCredentialsProvider implements CredentialsProvider {
  readonly #credentials: Credentials;
  readonly #source: string;

  constructor(credentials: Credentials, source = 'static') {
    if (credentials.accessKeyId.trim() === '' || credentials.accessKeySecret.trim() === '') {
      throw new KmsConfigError('credentials.missing', `no Alibaba Cloud credentials: the ${source} access key ID or secret is empty`);
    }
    this.#credentials = { ...credentials };
    this.#source = source;
  }

  async getCredentials(): Promise<Credentials> {
    return { ...this.#credentials };
  }

  async describe(): Promise<CredentialsDescription> {
    return { source: this.#source, accessKeyId: maskAccessKeyId(this.#credentials.accessKeyId), hasSecurityToken: this.#credentials.securityToken !== undefined };
  }

  toJSON(): { source: string } {
    return { source: this.#source };
  }
}
