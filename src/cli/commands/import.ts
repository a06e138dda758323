/** `kmsctl import`: print a config for existing keys with every live version pinned, ready to commit. */
import type { AccountSpec } from '../../config/desired-state.js';
import { importKeyName, renderImportConfig } from '../../config/render-import-config.js';
import { readProfileRegion } from '../../kms/aliyun-cli-config.js';
import { readOneKey } from '../../operations/kms-calls.js';
import { profileFileProblem } from '../../operations/profile-file.js';
import { clientSpec } from '../../operations/run-accounts.js';
import { selectAccounts } from '../../operations/select-keys.js';
import { runBounded } from '../../state/run-bounded.js';
import { locationName } from '../../state/key-api.js';
import { CONNECTION_HELP } from '../arguments/connection-args.js';
import { IMPORT_OPTIONS, IMPORT_USAGE, parseImportArgs, type ImportArgs } from '../arguments/import-args.js';
import { EXIT } from '../cli-error.js';
import type { Command, CommandContext } from '../command.js';
import { CLI_CODES } from '../error-codes.js';
import { argumentsOrFailure, readRunConfig, sessionFor } from '../run-context.js';
import { CommandView } from '../views/command-view.js';
import { failure, failureFromDiagnostics, type Failure } from '../views/failure.js';
import { terminalOf } from '../views/terminal.js';

export const importCommand: Command = {
  name: 'import',
  usage: IMPORT_USAGE,
  help: `Reads each KEY (a key ID, alias/NAME or ARN) and prints YAML that declares it with every live version
pinned by ID, oldest first. Redirect it into a file and commit it; "kmsctl plan" then shows no change.

Options:
  --region REGION       the keys' region (default ALIBABA_CLOUD_REGION_ID, then the CLI profile's
                        region_id)
  --name NAME           the logical name, for a single KEY (default: the alias without "alias/",
                        or the key ID)
  --account NAME        read the keys in this account of the config's accounts: (its role or
                        profile), and write "account: NAME" for each; the config is -f's
  -f, --file PATH       the config that declares --account (repeatable; default kmsctl.yaml, else
                        kmsctl.yml)

${CONNECTION_HELP}

Examples:
  kmsctl import alias/payments-signing --region cn-shanghai > keys/payments.yaml
  kmsctl import key-hzz63ab1 key-hzz63ab2 --region cn-hangzhou
  kmsctl import alias/audit-log --account shared-services -f keys/ --region cn-shanghai > keys/audit.yaml`,
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
    const account = args.account === undefined ? undefined : await declaredAccount(args, args.account, ctx, view);
    if (account !== undefined && 'failure' in account) return view.failure(account.failure);
    const accounts = account === undefined ? {} : { [account.name]: clientSpec(account) };
    const location = { account: account?.name, region };
    const session = sessionFor(args.connection, ctx, view, accounts);
    try {
      const reads = await runBounded(args.keys, args.connection.parallelism, (keyId) => readOneKey(session, location, keyId), ctx.signal);
      const keys = [];
      for (const [index, keyId] of args.keys.entries()) {
        const read = reads[index];
        if (!read || read.status !== 'found') {
          const detail = read ? `${read.code}: ${read.message}` : 'not read';
          return view.failure(failure(CLI_CODES.importKeyUnreadable, `cannot import ${keyId} in ${locationName(location)}: ${detail}; nothing was printed`, { apiCode: read?.code, requestId: read?.requestId || undefined }));
        }
        keys.push({ name: args.name ?? importKeyName(keyId), keyId, account: location.account, region, versions: read.key.versions.map((v) => ({ id: v.keyVersionId, creationDate: v.creationDate })) });
      }
      view.term.out.write(renderImportConfig(keys, { defaultRegion: region }));
      return EXIT.ok;
    } finally {
      await session.close();
    }
  },
};

/** The `--account` of the config given with -f (or the default config), or why it cannot be used. */
async function declaredAccount(args: ImportArgs, name: string, ctx: CommandContext, view: CommandView): Promise<AccountSpec | { failure: Failure }> {
  const read = await readRunConfig({ files: args.files, targets: [], region: args.region, profile: args.connection.profile }, ctx, view);
  if (read.failure !== undefined) return { failure: read.failure };
  const selected = selectAccounts(read.desired, [name]);
  const spec = read.desired.accounts.get(name);
  if (spec === undefined || selected.diagnostics.length > 0) return { failure: failureFromDiagnostics(selected.diagnostics) };
  return spec;
}
