/** `kmsctl emulator`: serves a local KMS emulator until interrupted. */
import { resolve } from 'node:path';
import {
  ACCESS_KEY_ID_ENV,
  ACCESS_KEY_SECRET_ENV,
  DEFAULT_HOST,
  DEFAULT_REGION,
  DEMO_ACCESS_KEY_ID,
  DEMO_ACCESS_KEY_SECRET,
  DEFAULT_UID,
  LockConflictError,
  defaultInstances,
  SeedError,
  formatSeedProblem as formatProblem,
  StateFileError,
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../../emulator/index.js';
import { FaultConfigError } from '../../emulator/faults/index.js';
import { trafficFlags, TRAFFIC_FLAGS_HELP, TRAFFIC_OPTIONS } from '../emulator-traffic-flags.js';
import { exposureWarning, securityBanner, securityFlags, SECURITY_FLAGS_HELP, SECURITY_OPTIONS } from '../emulator-security-flags.js';
import { TlsCertificateError } from '../../emulator/tls/emulator-tls.js';
import { CliError, EXIT } from '../cli-error.js';
import { CLI_CODES } from '../error-codes.js';
import type { Command } from '../command.js';
import { booleanValue, stringValue } from '../parse-command-line.js';

export const emulatorCommand: Command = {
  name: 'emulator',
  usage: 'kmsctl emulator [--host 127.0.0.1] [--port N] [--state FILE] [--seed FILE] [--now ISO-TIME] [--region R] [--account-uid UID] [--freeze-clock] [--faults FILE] [--latency 20ms] [--quotas service] [--quota G=N]... [--qps N] [--tls [--tls-cert-out FILE]] [--oidc-issuer-key FILE | --oidc-token-file FILE]',
  help: `Serves the KMS RPC API (2016-01-20) over HTTP (HTTPS with --tls) with the service's rules, errors and
(with --quotas) quotas, and STS (2015-04-01: AssumeRole, AssumeRoleWithOIDC, GetCallerIdentity) on the
same port, until Ctrl+C. Requests must be signed (V1 HMAC-SHA1 or V3 ACS3-HMAC-SHA256) with the
emulator's access key, which acts in the base account, or with STS credentials of a role assumed in
any account; the one exception is AssumeRoleWithOIDC, whose OIDC token is checked instead (see
--oidc-issuer-key). Every account has, in every region, a software and a hardware KMS instance.

Options:
  --host HOST       interface to bind (default ${DEFAULT_HOST}; anything else exposes the emulator to
                    whoever reaches the port: AssumeRoleWithOIDC unsigned, everything else signed)
  --port N          TCP port (default 0: a free port, printed on the first line)
  --state FILE      keep keys in FILE across restarts (JSON, mode 0600, locked by FILE.lock; a
                    symbolic link is followed: the file it points to is locked and written)
  --seed FILE       start with the keys of a seed YAML file (schemas/seed.schema.json); idempotent
  --now ISO-TIME    start the emulator clock at this time, e.g. 2026-01-01T00:00:00Z
  --region R        region of requests that name none (default ${DEFAULT_REGION})
  --account-uid UID the base account: the access key's account (default the seed's accountUid,
                    else the state file's, else ${DEFAULT_UID})
  --freeze-clock    the clock moves only through POST /_emulator/clock
  --faults FILE     inject faults from the start: rules in JSON or YAML (schemas/faults.schema.json)
${TRAFFIC_FLAGS_HELP}
${SECURITY_FLAGS_HELP}

Credentials: ${ACCESS_KEY_ID_ENV} and ${ACCESS_KEY_SECRET_ENV}, else the demo pair
  ${DEMO_ACCESS_KEY_ID} / ${DEMO_ACCESS_KEY_SECRET} (not a secret; local use only).

Emulator endpoints (loopback clients only, no signature; never a foreign Origin; POST and DELETE
with content-type: application/json):
  GET  /_emulator/clock          the emulator time
  POST /_emulator/clock          {"advance":"7d"} (the config's duration grammar, signed) or {"set":"2026-01-01T00:00:00Z"},
                                 within 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z
  GET  /_emulator/stats          requests served per action, and per account, region and quota
                                 group with the throttled ones, since start
  POST|DELETE /_emulator/faults  {"seed":1,"rules":[{"action":"CreateKeyVersion","probability":0.3,"effect":"reset"}]}
  GET|POST /_emulator/latency    {"latency":"20ms","jitter":"5ms"}: the network delay of API requests
  GET|POST /_emulator/quota      {"quotas":"service"}, {"quotas":{"key-read":40}}: the service's quotas;
                                 {"qps":200,"burst":200} or {"qps":null}: the plain rate quota

Example:
  kmsctl emulator --port 8080 --seed examples/seeds/demo.yaml --state .kms-emulator.json`,
  options: {
    host: { type: 'string' },
    port: { type: 'string' },
    state: { type: 'string' },
    seed: { type: 'string' },
    now: { type: 'string' },
    region: { type: 'string' },
    'account-uid': { type: 'string' },
    'freeze-clock': { type: 'boolean' },
    faults: { type: 'string' },
    ...TRAFFIC_OPTIONS,
    ...SECURITY_OPTIONS,
  },
  allowPositionals: false,
  async run(values, _positionals, ctx) {
    const host = stringValue(values, 'host');
    const state = stringValue(values, 'state');
    const seed = stringValue(values, 'seed');
    const faults = stringValue(values, 'faults');
    const security = securityFlags(values, ctx.cwd);
    const emulator = await start({
      host: host ?? DEFAULT_HOST,
      port: portValue(stringValue(values, 'port')),
      statePath: state === undefined ? undefined : resolve(ctx.cwd, state),
      seed: seed === undefined ? undefined : resolve(ctx.cwd, seed),
      now: stringValue(values, 'now'),
      region: stringValue(values, 'region'),
      uid: stringValue(values, 'account-uid'),
      freezeClock: booleanValue(values, 'freeze-clock'),
      faults: faults === undefined ? undefined : resolve(ctx.cwd, faults),
      ...trafficFlags(values),
      ...security,
      env: ctx.env,
      log: ctx.debug ? (line) => ctx.stderr.write(`emulator: ${line}\n`) : undefined,
    });
    ctx.stdout.write(`KMS emulator listening on ${emulator.url}\n`);
    const exposure = exposureWarning(emulator);
    if (exposure !== undefined) ctx.stderr.write(exposure);
    ctx.stdout.write(banner(emulator, state === undefined ? undefined : resolve(ctx.cwd, state), seed));
    await untilAborted(ctx.signal);
    await emulator.close();
    ctx.stdout.write('KMS emulator stopped.\n');
    return EXIT.ok;
  },
};

/** Starts the emulator, turning the user's mistakes (seed, state file, flags, port) into CliErrors. */
async function start(options: EmulatorOptions): Promise<RunningEmulator> {
  try {
    return await startEmulator(options);
  } catch (error) {
    // One line for the failure, every problem of the seed below it (a summary keeps no line breaks).
    if (error instanceof SeedError) throw new CliError(CLI_CODES.emulatorSeed, `Invalid emulator seed ${error.file}`, EXIT.error, error.problems.map((problem) => formatProblem(error.file, problem)).join('\n'));
    if (error instanceof FaultConfigError) throw new CliError(CLI_CODES.emulatorFaults, error.message);
    if (error instanceof StateFileError) throw new CliError(CLI_CODES.emulatorState, error.message);
    if (error instanceof TlsCertificateError) throw new CliError(CLI_CODES.emulatorTls, error.message);
    if (error instanceof LockConflictError) throw new CliError(CLI_CODES.emulatorStateLocked, error.message);
    if (error instanceof RangeError) throw new CliError(CLI_CODES.badFlagValue, error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      throw new CliError(CLI_CODES.emulatorListen, `cannot listen on ${options.host ?? DEFAULT_HOST}:${options.port ?? 0}: ${(error as Error).message}`);
    }
    throw error;
  }
}

function banner(emulator: RunningEmulator, state: string | undefined, seed: string | undefined): string {
  const source =
    emulator.credentialSource === 'demo' ? `the built-in demo pair; its secret is in \`kmsctl emulator --help\`. Set ${ACCESS_KEY_ID_ENV} and ${ACCESS_KEY_SECRET_ENV} to choose your own`
    : emulator.credentialSource === 'environment' ? `from ${ACCESS_KEY_ID_ENV}; the secret from ${ACCESS_KEY_SECRET_ENV}`
    : 'as configured';
  const lines = [
    `Access key ID: ${emulator.accessKeyId} (${source})`,
    `Base account: ${emulator.uid} (the access key's; other accounts through STS AssumeRole)`,
    `Default region: ${emulator.region}; KMS instances there: ${defaultInstances({ account: emulator.uid, region: emulator.region })
      .map((instance) => `${instance.instanceId} (${instance.kind})`)
      .join(', ')}`,
    `State: ${state === undefined ? 'in memory (lost on exit)' : emulator.statePath === state ? state : `${emulator.statePath ?? state} (the file ${state} links to)`}`,
  ];
  if (seed !== undefined && emulator.seedResult) {
    lines.push(`Seed: ${seed} (${emulator.seedResult.created.length} keys added, ${emulator.seedResult.skipped.length} already present)`);
  }
  const traffic = emulator.traffic.describe();
  if (traffic.latencyMs > 0 || traffic.qps !== null) {
    lines.push(`Network: latency ${traffic.latency} ± ${traffic.jitter}, quota ${traffic.qps === null ? 'none' : `${traffic.qps} requests/s (burst ${traffic.burst})`}`);
  }
  const quotas = Object.entries(traffic.quotas).filter(([, qps]) => qps !== null);
  if (quotas.length > 0) lines.push(`Quotas per account and region (requests/s): ${quotas.map(([group, qps]) => `${group} ${String(qps)}`).join(', ')}`);
  const faults = emulator.faults.snapshot();
  if (faults.rules.length > 0) lines.push(`Faults: ${faults.rules.length} rule${faults.rules.length === 1 ? '' : 's'} (seed ${faults.seed}); see ${emulator.url}/_emulator/faults`);
  lines.push(...securityBanner(emulator));
  lines.push(`Clock: ${emulator.clock.now().toISOString()}${emulator.clock.frozen ? ' (frozen)' : ''}; control it at ${emulator.url}/_emulator/clock`);
  lines.push('Press Ctrl+C to stop.');
  return `${lines.join('\n')}\n`;
}

function portValue(raw: string | undefined): number {
  if (raw === undefined) return 0;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535) throw new CliError(CLI_CODES.badFlagValue, `--port takes a whole number from 0 to 65535, got "${raw}"`);
  return Number(raw);
}

function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((done) => signal.addEventListener('abort', () => done(), { once: true }));
}
