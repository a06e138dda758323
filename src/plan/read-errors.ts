/** Plan errors for keys that could not be read: they say which of key or alias is missing, as the service did. */
import type { DesiredKey } from '../config/desired-state.js';
import type { LiveKeyRead } from '../state/live-state.js';
import { PLAN_ERROR_CODES } from './error-codes.js';
import { locationText } from './location-text.js';
import type { PlanError } from './types.js';

type NotFound = Extract<LiveKeyRead, { status: 'not-found' }>;
type Failed = Extract<LiveKeyRead, { status: 'failed' }>;

/** `key.not-found`, from the service's answer, or from a key the state reader did not read at all. */
export function notFoundError(key: DesiredKey, read: NotFound | undefined): PlanError {
  const isAlias = key.keyId.startsWith('alias/');
  const aliasMissing = read === undefined ? isAlias : read.code === 'Forbidden.AliasNotFound';
  const what = aliasMissing
    ? `alias ${key.keyId} does not exist in ${locationText(key)}`
    : isAlias
      ? `the key behind alias ${key.keyId} does not exist in ${locationText(key)}`
      : `key ${key.keyId} does not exist in ${locationText(key)}`;
  const message =
    read === undefined
      ? `${isAlias ? 'alias' : 'key'} ${key.keyId} in ${locationText(key)} was not read (no live state for it)`
      : `${what}: ${read.code}${read.message === '' ? '' : ` (${read.message})`}`;
  const hint = aliasMissing
    ? `check the alias and the region, or create the alias (CreateAlias AliasName=${key.keyId})`
    : isAlias
      ? 'check the alias and the region; point the alias at an existing key (UpdateAlias)'
      : 'check the key ID and the region';
  return {
    code: PLAN_ERROR_CODES.keyNotFound,
    message,
    hint,
    apiCode: read?.code,
    requestId: read === undefined || read.requestId === '' ? undefined : read.requestId,
  };
}

/** `key.read-failed`: access denied, network or server trouble while reading the key. */
export function readFailedError(key: DesiredKey, read: Failed): PlanError {
  return {
    code: PLAN_ERROR_CODES.keyReadFailed,
    message: `reading ${key.keyId} in ${locationText(key)} failed: ${read.code}${read.message === '' ? '' : `: ${read.message}`}`,
    hint: 'check access (kms:DescribeKey, kms:ListKeyVersions), the credentials and the endpoint, then plan again',
    apiCode: read.code === '' ? undefined : read.code,
    requestId: read.requestId === undefined || read.requestId === '' ? undefined : read.requestId,
  };
}
