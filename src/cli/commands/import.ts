/** `kmsctl import`: print a config for existing keys with every live version pinned, ready to commit. */
import { renderImportConfig } from '../../config/render-import-config.js';
import { readProfileRegion } from '../../kms/aliyun-cli-config.js';
import { readOneKey } from '../../operations/kms-calls.js';
import { profileFileProblem } from '../../operations/profile-file.js';
import { runBounded } from '../../state/run-bounded.js';
import { CONNECTION_HELP } from '../arguments/connection-args.js';
import { IMPORT_OPTIONS, IMPORT_USAGE, parseImportArgs } from '../arguments/import-args.js';
import { EXIT } from '../cli-error.js';
import type { Command } from '../command.js';
import { CLI_CODES } from '../error-codes.js';
import { argumentsOrFailure, sessionFor } from '../run-context.js';
import { CommandView } from '../views/command-view.js';
import { failure } from '../views/failure.js';
import { terminalOf } from '../views/terminal.js';

export const importCommand: Command = {
  name: 'import',
  usage: IMPORT_USAGE,
  help: `Reads each KEY (a key ID or alias/NAME) and prints YAML that declares it with every live version
pinned by ID, oldest first. Redirect it into a file and commit it; "kmsctl plan" then shows no change.

Options:
  --region REGION       the keys' region (default ALIBABA_CLOUD_REGION_ID, then the CLI profile's
                        region_id)
  --name NAME           the logical name, for a single KEY (default: the alias without "alias/",
                        or the key ID)

${CONNECTION_HELP}

Examples:
  kmsctl import alias/payments-signing --region cn-shanghai > keys/payments.yaml
  kmsctl import key-hzz63ab1 key-hzz63ab2 --region cn-hangzhou`,
  options: IMPORT_OPTIONS,
  allowPositionals: true,
  async run(values, positionals, ctx) {
    const view = new CommandView(terminalOf(ctx), 'import', 'human');
    const args = argumentsOrFailure(parseImportArgs(values, positionals), view);
    if (args === undefined) return EXIT.error;
    const profileProblem = await profileFileProblem(ctx.env);
    if (profileProblem) return view.failure(failure(profileProblem.code, profileProblem.summary, { detail: profileProblem.detail }));
    const region = args.region || ctx.env.ALIBABA_CLOUD_REGION_ID || (await readProfileRegion({ env: ctx.env, profile: args.connection.profile }));
    if (!region) return view.failure(failure(CLI_CODES.missingRegion, 'no region to read the keys in', { detail: 'pass --region, set ALIBABA_CLOUD_REGION_ID, or set region_id in the Alibaba Cloud CLI profile' }));
    const session = sessionFor(args.connection, ctx, view);
    try {
      const reads = await runBounded(args.keys, args.connection.parallelism, (keyId) => readOneKey(session, region, keyId), ctx.signal);
      const keys = [];
      for (const [index, keyId] of args.keys.entries()) {
        const read = reads[index];
        if (!read || read.status !== 'found') {
          const detail = read ? `${read.code}: ${read.message}` : 'not read';
          return view.failure(failure(CLI_CODES.importKeyUnreadable, `cannot import ${keyId} in ${region}: ${detail}; nothing was printed`, { apiCode: read?.code, requestId: read?.requestId || undefined }));
        }
        keys.push({ name: args.name ?? defaultName(keyId), keyId, region, versions: read.key.versions.map((v) => ({ id: v.keyVersionId, creationDate: v.creationDate })) });
      }
      view.term.out.write(renderImportConfig(keys, { defaultRegion: region }));
      return EXIT.ok;
    } finally {
      await session.close();
    }
  },
};

function defaultName(keyId: string): string {
  const base = keyId.startsWith('alias/') ? keyId.slice('alias/'.length) : keyId;
  return base.replace(/[^A-Za-z0-9_.-]/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'key';
}
