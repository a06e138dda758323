/** `kmsctl import`: print a config for existing keys with every live version pinned, ready to commit. */
import { renderImportConfig } from '../../config/render-import-config.js';
import { readKey } from '../../state/read-live-state.js';
import { runBounded } from '../../state/run-bounded.js';
import { CliError, EXIT } from '../cli-error.js';
import type { Command } from '../command.js';
import { CONNECTION_HELP, CONNECTION_OPTIONS, DEFAULT_PARALLELISM, MAX_PARALLELISM } from '../common-options.js';
import { openKeyApis } from '../kms-session.js';
import { readProfileRegion } from '../../kms/aliyun-cli-config.js';
import { positiveIntegerValue, stringValue } from '../parse-command-line.js';

export const importCommand: Command = {
  name: 'import',
  usage: 'kmsctl import KEY... [--region REGION] [--name NAME]',
  help: `Reads each KEY (a key ID or alias/NAME) and prints YAML that declares it with every live version
pinned by ID, oldest first. Redirect it into a file and commit it; "kmsctl plan" then shows no change.

Options:
  --region REGION       the keys' region (default ALIBABA_CLOUD_REGION_ID)
  --name NAME           the logical name, for a single KEY (default: the alias without "alias/",
                        or the key ID)

${CONNECTION_HELP}

Examples:
  kmsctl import alias/payments-signing --region cn-shanghai > keys/payments.yaml
  kmsctl import key-hzz63ab1 key-hzz63ab2 --region cn-hangzhou`,
  options: { ...CONNECTION_OPTIONS, region: { type: 'string' }, name: { type: 'string' } },
  allowPositionals: true,
  async run(values, positionals, ctx) {
    if (positionals.length === 0) throw new CliError('cli.missing-argument', 'kmsctl import needs at least one key ID or alias\nUsage: kmsctl import KEY... [--region REGION] [--name NAME]');
    const name = stringValue(values, 'name');
    if (name !== undefined && positionals.length > 1) throw new CliError('cli.conflicting-flags', '--name names one key; import several keys without it');
    const region = stringValue(values, 'region') || ctx.env.ALIBABA_CLOUD_REGION_ID || (await readProfileRegion({ env: ctx.env, profile: stringValue(values, 'profile') }));
    if (!region) throw new CliError('cli.missing-region', 'no region: pass --region, set ALIBABA_CLOUD_REGION_ID, or set region_id in the Alibaba Cloud CLI profile');
    const session = openKeyApis(values, ctx);
    try {
      const parallelism = positiveIntegerValue(values, 'parallelism', DEFAULT_PARALLELISM, MAX_PARALLELISM);
      const reads = await runBounded(positionals, parallelism, (keyId) => readKey(session.forRegion(region), keyId), ctx.signal);
      const keys = [];
      for (const [index, keyId] of positionals.entries()) {
        const read = reads[index];
        if (!read || read.status !== 'found') {
          const detail = read ? `${read.code}: ${read.message}${read.requestId ? ` (RequestId ${read.requestId})` : ''}` : 'not read';
          throw new CliError('import.key-unreadable', `cannot import ${keyId} in ${region}: ${detail}; nothing was printed`);
        }
        keys.push({
          name: name ?? defaultName(keyId),
          keyId,
          region,
          versions: read.key.versions.map((v) => ({ id: v.keyVersionId, creationDate: v.creationDate })),
        });
      }
      ctx.stdout.write(renderImportConfig(keys, { defaultRegion: region }));
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
