/** `kmsctl public-keys`: the public keys of the declared keys' versions, as a JWKS or PEM files. */
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { toJwks } from '../../public-keys/jwks.js';
import { pemFiles } from '../../public-keys/pem-files.js';
import type { PublicKeysOutput } from '../../public-keys/public-keys-json.js';
import { PUBLIC_KEYS_CODES } from '../../public-keys/public-keys-codes.js';
import { readPublicKeys } from '../../public-keys/read-public-keys.js';
import { parsePublicKeysArgs, PUBLIC_KEYS_OPTIONS } from '../arguments/public-keys-args.js';
import { CONFIG_HELP } from '../arguments/config-args.js';
import { CONNECTION_HELP } from '../arguments/connection-args.js';
import { CliError, EXIT } from '../cli-error.js';
import type { Command } from '../command.js';
import { argumentsOrFailure, runOnKeys } from '../run-context.js';
import { PublicKeysView } from '../views/public-keys-view.js';
import { terminalOf } from '../views/terminal.js';
import { writeFileAtomic } from '../write-file-atomic.js';

export const publicKeysCommand: Command = {
  name: 'public-keys',
  usage: 'kmsctl public-keys [-f FILE]... [--target NAME]... [--account NAME]... [--format jwks|pem] [--out FILE | --out-dir DIR] [--only-newest N] [--rsa-algorithm ALG] [--json]',
  help: `Exports the public keys of every version of the declared signing keys (asymmetric, SIGN/VERIFY,
Enabled), newest version first, so verifiers can have a new version's key before signers use it.
Symmetric, encryption and disabled keys are listed as skipped. Nothing is changed.

${CONFIG_HELP}

Output:
  --format FORMAT       jwks (default): one JSON Web Key Set (RFC 7517), kid = the version ID,
                        use = sig, alg from the key spec (EC_SM2 has no JOSE form: use pem);
                        pem: one SubjectPublicKeyInfo file per version, DIR/<key name>/<version ID>.pem
  --out FILE            write the JWKS to FILE (default: standard output)
  --out-dir DIR         the folder of the PEM files (--format pem), made if missing
  --only-newest N       only the N newest versions of each key
  --rsa-algorithm ALG   what RSA keys sign with, for their alg: RSA_PSS_SHA_256 (PS256, default)
                        or RSA_PKCS1_SHA_256 (RS256)
  --json                one JSON document on stdout (schemas/public-keys.schema.json), the JWKS in
                        it; a failure is one JSON document too (schemas/error.schema.json)

${CONNECTION_HELP}

Exit codes: 0 every declared signing key exported; 1 a key could not be read or exported, or a
flag, config or connection error; 130 interrupted.

Examples:
  kmsctl public-keys --out jwks.json
  kmsctl public-keys --only-newest 2 --target payments-signing
  kmsctl public-keys --format pem --out-dir public-keys/`,
  options: PUBLIC_KEYS_OPTIONS,
  allowPositionals: false,
  async run(values, _positionals, ctx) {
    const parsed = parsePublicKeysArgs(values);
    const jwksOnStdout = parsed.value !== undefined && parsed.value.format === 'jwks' && parsed.value.out === undefined;
    const view = new PublicKeysView(terminalOf(ctx), values.json === true, jwksOnStdout);
    const args = argumentsOrFailure(parsed, view);
    if (args === undefined) return EXIT.error;
    return runOnKeys(args, ctx, view, async ({ desired, session, reading }) => {
      const set = await reading('Reading public keys', (options) =>
        readPublicKeys(desired.keys, {
          ...options,
          apiFor: (location) => session.clients.forAccount(location.account, location.region),
          onlyNewest: args.onlyNewest,
          now: () => session.now(),
        }),
      );
      const output = await writeOutput(set, args, ctx.cwd, view);
      view.result(set, output);
      const failed = set.keys.some((key) => key.outcome.status === 'error') || output.problems.length > 0;
      return failed ? EXIT.error : EXIT.ok;
    });
  },
};

/** Writes the JWKS (file or stdout) or the PEM files, and says what went where. */
async function writeOutput(set: Parameters<typeof toJwks>[0], args: NonNullable<ReturnType<typeof parsePublicKeysArgs>['value']>, cwd: string, view: PublicKeysView): Promise<PublicKeysOutput> {
  if (args.format === 'jwks') {
    const { jwks, problems } = toJwks(set, args.rsaAlgorithm);
    const text = `${JSON.stringify(jwks, null, 2)}\n`;
    if (args.out !== undefined) await write(resolve(cwd, args.out), text, args.out);
    else if (!args.json) view.jwks(text);
    return { format: 'jwks', rsaAlgorithm: args.rsaAlgorithm, destination: args.out, jwks, files: [], problems };
  }
  const folder = args.outDir ?? '.';
  const { files, problems } = pemFiles(set);
  for (const file of files) {
    const path = resolve(cwd, folder, file.path);
    await mkdir(dirname(path), { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      throw new CliError(PUBLIC_KEYS_CODES.unwritable, `cannot make the folder ${join(folder, file.name)}: ${error.code ?? error.message}`);
    });
    await write(path, file.text, join(folder, file.path));
  }
  return { format: 'pem', rsaAlgorithm: args.rsaAlgorithm, destination: folder, jwks: undefined, files, problems };
}

async function write(path: string, text: string, shown: string): Promise<void> {
  try {
    await writeFileAtomic(path, text);
  } catch (error) {
    throw new CliError(PUBLIC_KEYS_CODES.unwritable, `cannot write ${shown}: ${(error as Error).message}`);
  }
}
