/**
 * The JSON Schemas of the emulator's state file (format `kmsctl-emulator-state`), built from the shared
 * enums: version 2, with accounts and KMS instances (what the emulator writes), and version 1, from
 * before them, which it still reads (state-migration.ts).
 */
import { DELETION_PROTECTION_STATES, KEY_ORIGINS, KEY_SPECS, KEY_STATES, KEY_USAGES, KMS_INSTANCE_KINDS, PROTECTION_LEVELS } from '../kms/wire/enums.js';

const DATE = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$' } as const;
const DATE_OR_EMPTY = { type: 'string', pattern: '^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z)?$' } as const;
const NAME = { type: 'string', minLength: 1 } as const;
const UID = { type: 'string', pattern: '^\\d{1,32}$' } as const;

export const STATE_FORMAT = 'kmsctl-emulator-state';
export const STATE_VERSION = 2;
/** The format before accounts and instances: every key of it belongs to the base account. */
export const STATE_VERSION_1 = 1;

const CLOCK = {
  oneOf: [
    { type: 'object', required: ['offsetMs'], additionalProperties: false, properties: { offsetMs: { type: 'number' } } },
    { type: 'object', required: ['frozenAt'], additionalProperties: false, properties: { frozenAt: { type: 'string', format: 'date-time' } } },
  ],
} as const;

const VERSIONS = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['keyVersionId', 'creationDate'],
    // keyMaterial: an asymmetric version's private key (PKCS #8 PEM), once a cryptographic action has made it.
    properties: { keyVersionId: NAME, creationDate: DATE, keyMaterial: { type: 'string', pattern: '^-----BEGIN PRIVATE KEY-----' } },
  },
} as const;

const V1_KEY_FIELDS = {
  keyId: NAME,
  region: NAME,
  keySpec: { enum: [...KEY_SPECS] },
  keyUsage: { enum: [...KEY_USAGES] },
  keyState: { enum: [...KEY_STATES] },
  origin: { enum: [...KEY_ORIGINS] },
  protectionLevel: { enum: [...PROTECTION_LEVELS] },
  dkmsInstanceId: { type: 'string' },
  description: { type: 'string' },
  creationDate: DATE,
  creator: { type: 'string' },
  deleteDate: DATE_OR_EMPTY,
  stateBeforeDeletion: { enum: [...KEY_STATES, ''] },
  automaticRotation: { enum: ['Enabled', 'Disabled'] },
  rotationIntervalSeconds: { type: 'integer', minimum: 0 },
  versions: VERSIONS,
} as const;

const V2_KEY_FIELDS = {
  ...V1_KEY_FIELDS,
  account: UID,
  deletionProtection: { enum: [...DELETION_PROTECTION_STATES] },
  deletionProtectionDescription: { type: 'string' },
} as const;

function objects(fields: Record<string, unknown>): { type: 'array'; items: object } {
  return { type: 'array', items: { type: 'object', additionalProperties: false, required: Object.keys(fields), properties: fields } };
}

export const stateFileSchema = {
  type: 'object',
  required: ['format', 'version', 'baseAccount', 'accounts', 'instances', 'clock', 'keys', 'aliases'],
  properties: {
    format: { const: STATE_FORMAT },
    version: { const: STATE_VERSION },
    savedAt: { type: 'string' },
    baseAccount: UID,
    accounts: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['uid', 'roles'],
        properties: { uid: UID, roles: { oneOf: [{ type: 'null' }, { type: 'array', items: NAME }] } },
      },
    },
    instances: objects({
      instanceId: NAME,
      account: UID,
      region: NAME,
      kind: { enum: [...KMS_INSTANCE_KINDS] },
      name: { type: 'string' },
      keyNum: { type: 'integer', minimum: 1 },
      createTime: DATE,
    }),
    clock: CLOCK,
    keys: objects(V2_KEY_FIELDS),
    aliases: objects({ account: UID, region: NAME, aliasName: NAME, keyId: NAME }),
  },
} as const;

export const stateFileSchemaV1 = {
  type: 'object',
  required: ['format', 'version', 'clock', 'keys', 'aliases'],
  properties: {
    format: { const: STATE_FORMAT },
    version: { const: STATE_VERSION_1 },
    savedAt: { type: 'string' },
    clock: CLOCK,
    keys: objects(V1_KEY_FIELDS),
    aliases: objects({ region: NAME, aliasName: NAME, keyId: NAME }),
  },
} as const;
