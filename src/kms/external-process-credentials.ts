/**
 * The CLI profile mode `External`: runs the profile's `process_command`, which prints
 * `{"mode":"AK"|"StsToken","access_key_id","access_key_secret","sts_token","expiration"}`. It is run
 * with execa under a time-out, with the environment kmsctl was given (not necessarily process.env).
 * None of its output, stdout or stderr, is ever printed, whatever it is: no filter can tell a secret
 * from a message (a token split by `/`, a password with punctuation), so a failure says only what went
 * wrong (exit code, time-out, not JSON, a missing field) and how to run the command by hand to see why.
 * (@alicloud/credentials' own External provider runs it with `process.env`, and its parse error quotes
 * the output.) The command line is split as the official library splits it (split-command.ts). Credentials with an
 * `expiration` are reused until 3 minutes before it; without one, long-term (AK) keys are reused for
 * the run and STS ones for at most 5 minutes.
 */
import { KmsConfigError } from './errors.js';
import { splitCommand } from './split-command.js';
import type { LibraryCredentials } from './library-credentials.js';

export const DEFAULT_PROCESS_TIMEOUT_MS = 60_000;
const REFRESH_BEFORE_EXPIRY_MS = 180_000;
const UNDATED_STS_REUSE_MS = 300_000;
const MAX_OUTPUT_BYTES = 1024 * 1024;

export interface ExternalProcessOptions {
  command: string;
  /** The whole environment of the child (PATH included). */
  env: Readonly<Record<string, string | undefined>>;
  timeoutMs?: number | undefined;
  /** Names the profile in messages. */
  label: string;
  now?: () => number;
}

export class ExternalProcessCredentialsProvider {
  readonly #options: ExternalProcessOptions;
  readonly #now: () => number;
  #cached: { credentials: LibraryCredentials; reuseUntil: number } | undefined;

  constructor(options: ExternalProcessOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  getProviderName(): string {
    return 'external';
  }

  async getCredentials(): Promise<LibraryCredentials> {
    if (this.#cached && this.#now() < this.#cached.reuseUntil) return this.#cached.credentials;
    const output = await this.#run();
    const parsed = parseOutput(output, this.#options.label);
    const expiresAt = parsed.expiration === undefined ? undefined : Date.parse(parsed.expiration);
    const reuseUntil =
      expiresAt !== undefined && !Number.isNaN(expiresAt) ? expiresAt - REFRESH_BEFORE_EXPIRY_MS
      : parsed.credentials.securityToken ? this.#now() + UNDATED_STS_REUSE_MS
      : Number.POSITIVE_INFINITY;
    this.#cached = { credentials: parsed.credentials, reuseUntil };
    return parsed.credentials;
  }

  async #run(): Promise<string> {
    const { label } = this.#options;
    let argv: string[];
    try {
      argv = splitCommand(this.#options.command, process.platform === 'win32');
    } catch (error) {
      throw new KmsConfigError('credentials.external-failed', `the process_command of ${label} cannot be parsed: ${(error as Error).message}`);
    }
    const [file = '', ...args] = argv;
    const timeoutMs = this.#options.timeoutMs ?? DEFAULT_PROCESS_TIMEOUT_MS;
    // Loaded only when a profile runs a command: importing execa adds about 0.2 s to every kmsctl start.
    const { execa } = await import('execa');
    const result = await execa(file, args, {
      env: this.#options.env,
      extendEnv: false,
      timeout: timeoutMs,
      forceKillAfterDelay: 2_000,
      stdin: 'ignore',
      maxBuffer: MAX_OUTPUT_BYTES,
      reject: false,
      stripFinalNewline: true,
    });
    const program = JSON.stringify(file);
    if (result.timedOut) throw failed(label, `${program} did not finish within ${timeoutMs / 1000}s and was stopped`);
    if (result.failed && result.exitCode === undefined) {
      const code = (result.cause as NodeJS.ErrnoException | undefined)?.code;
      if (code === 'ENOENT') throw failed(label, `the program ${program} was not found (check the path and PATH)`);
      if (code === 'EACCES') throw failed(label, `the program ${program} is not executable`);
      if (result.isMaxBuffer) throw failed(label, `${program} printed more than ${MAX_OUTPUT_BYTES} bytes`);
      throw failed(label, `${program} could not be run${code ? ` (${code})` : result.signal ? ` (killed by ${result.signal})` : ''}`);
    }
    if (result.exitCode !== 0) throw failed(label, `${program} exited with code ${result.exitCode}`);
    return String(result.stdout ?? '');
  }
}

/** The one form of every failure: what went wrong, that the output is not shown, and how to see it. */
function failed(label: string, detail: string): KmsConfigError {
  return new KmsConfigError(
    'credentials.external-failed',
    `cannot get credentials from ${label}: ${detail}; its output is not shown, as it may hold secrets: run the process_command by hand to see it`,
  );
}

/** Checks the printed document; messages name missing fields, never values. */
function parseOutput(stdout: string, label: string): { credentials: LibraryCredentials; expiration: string | undefined } {
  let document: unknown;
  try {
    document = JSON.parse(stdout);
  } catch {
    throw failed(label, `the process_command printed no JSON document (${Buffer.byteLength(stdout)} bytes on stdout)`);
  }
  const data = (typeof document === 'object' && document !== null ? document : {}) as Record<string, unknown>;
  const field = (name: string): string | undefined => (typeof data[name] === 'string' && data[name] !== '' ? (data[name] as string) : undefined);
  const mode = field('mode') ?? 'AK';
  if (mode !== 'AK' && mode !== 'StsToken') throw failed(label, 'the process_command printed a "mode" other than "AK" or "StsToken"');
  const missing = ['access_key_id', 'access_key_secret', ...(mode === 'StsToken' ? ['sts_token'] : [])].filter((name) => field(name) === undefined);
  if (missing.length > 0) throw failed(label, `the process_command printed no ${missing.join(', ')} (mode ${mode})`);
  return {
    credentials: {
      accessKeyId: field('access_key_id') ?? '',
      accessKeySecret: field('access_key_secret') ?? '',
      securityToken: mode === 'StsToken' ? (field('sts_token') ?? '') : '',
      providerName: 'external',
    },
    expiration: field('expiration'),
  };
}
