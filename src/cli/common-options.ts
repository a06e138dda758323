/** Flags shared by the commands that read a config and talk to KMS, with their help lines. */
import type { OptionSpec } from './command.js';

export const CONFIG_OPTIONS: OptionSpec = {
  file: { type: 'string', short: 'f', multiple: true },
  target: { type: 'string', multiple: true },
  region: { type: 'string' },
};

export const CONNECTION_OPTIONS: OptionSpec = {
  endpoint: { type: 'string' },
  parallelism: { type: 'string' },
};

export const CONFIG_HELP = `Config:
  -f, --file PATH       a config file or a directory of *.yaml files (repeatable; default kmsctl.yaml)
  --target NAME         only the key with this logical name (repeatable)
  --region REGION       region for keys that do not name one (overrides defaults.region and
                        ALIBABA_CLOUD_REGION_ID)`;

export const CONNECTION_HELP = `Connection:
  --endpoint URL        one KMS endpoint for every region (also KMSCTL_ENDPOINT), e.g. a VPC endpoint
                        or the local emulator; plain http:// only for loopback addresses
  --parallelism N       keys read or changed at once (default 10)
Credentials come from ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET and, for STS
tokens, ALIBABA_CLOUD_SECURITY_TOKEN.`;

export const DEFAULT_PARALLELISM = 10;
export const MAX_PARALLELISM = 256;
