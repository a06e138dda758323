/** The JSON Schema of the emulator's state file (format `kmsctl-emulator-state`, version 1), built from the shared enums. */
import { KEY_ORIGINS, KEY_SPECS, KEY_STATES, KEY_USAGES, PROTECTION_LEVELS } from '../kms/wire/enums.js';

const DATE = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$' } as const;
const DATE_OR_EMPTY = { type: 'string', pattern: '^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z)?$' } as const;
const NAME = { type: 'string', minLength: 1 } as const;

export const STATE_FORMAT = 'kmsctl-emulator-state';
export const STATE_VERSION = 1;

export const stateFileSchema = {
  type: 'object',
  required: ['format', 'version', 'clock', 'keys', 'aliases'],
  properties: {
    format: { const: STATE_FORMAT },
    version: { const: STATE_VERSION },
    savedAt: { type: 'string' },
    clock: {
      oneOf: [
        { type: 'object', required: ['offsetMs'], additionalProperties: false, properties: { offsetMs: { type: 'number' } } },
        { type: 'object', required: ['frozenAt'], additionalProperties: false, properties: { frozenAt: { type: 'string', format: 'date-time' } } },
      ],
    },
    keys: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: [
          'keyId', 'region', 'keySpec', 'keyUsage', 'keyState', 'origin', 'protectionLevel', 'dkmsInstanceId', 'description',
          'creationDate', 'creator', 'deleteDate', 'stateBeforeDeletion', 'automaticRotation', 'rotationIntervalSeconds', 'versions',
        ],
        properties: {
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
          versions: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['keyVersionId', 'creationDate'],
              properties: { keyVersionId: NAME, creationDate: DATE },
            },
          },
        },
      },
    },
    aliases: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['region', 'aliasName', 'keyId'],
        properties: { region: NAME, aliasName: NAME, keyId: NAME },
      },
    },
  },
} as const;
