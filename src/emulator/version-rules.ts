/**
 * The rule set of CreateKeyVersion, as the product page states it (../../shared/kms-api.md), checked
 * in this order so the answer names the most permanent obstacle first:
 *
 * 1. the key must be asymmetric                      → Rejected.UnsupportedOperation
 * 2. its Origin must not be EXTERNAL (BYOK)          → Rejected.UnsupportedOperation
 * 3. it must not live in a private key store         → Rejected.UnsupportedOperation
 *    (a non-empty DKMSInstanceId)
 * 4. it must be Enabled                              → Rejected.Disabled / PendingDeletion / PendingImport (409)
 * 5. it must have fewer than 50 versions, the        → Rejected.LimitExceeded
 *    initial version counted among them
 * 6. at least 7 days must have passed since its      → Rejected.UnsupportedOperation, naming the earliest time
 *    LastRotationDate, on the emulator clock
 *
 * The newer "KMS instance" edition of the docs states different rules; this emulator follows the ones
 * above, which are the project's.
 */
import { MAX_KEY_VERSIONS, MIN_ROTATION_INTERVAL_SECONDS, isAsymmetricKeySpec } from '../kms/wire/enums.js';
import { KmsServiceError, stateRejection } from './errors.js';
import { formatDate } from './dates.js';
import { newestVersion, type KeyView } from './model.js';

/** Throws the service's rejection when `key` may not get a new version at `nowMs`. */
export function checkCreateKeyVersion(key: KeyView, nowMs: number): void {
  if (!isAsymmetricKeySpec(key.keySpec)) {
    throw new KmsServiceError(
      'Rejected.UnsupportedOperation',
      `The key ${key.keyId} is a symmetric key (${key.keySpec}); CreateKeyVersion supports asymmetric keys only.`,
    );
  }
  if (key.origin === 'EXTERNAL') {
    throw new KmsServiceError('Rejected.UnsupportedOperation', `The key ${key.keyId} has Origin EXTERNAL; keys with imported material cannot get new versions.`);
  }
  if (key.dkmsInstanceId !== '') {
    throw new KmsServiceError(
      'Rejected.UnsupportedOperation',
      `The key ${key.keyId} is in the private key store ${key.dkmsInstanceId}; CreateKeyVersion is not supported there.`,
    );
  }
  if (key.keyState !== 'Enabled') throw stateRejection(key.keyId, key.keyState);
  if (key.versions.length >= MAX_KEY_VERSIONS) {
    throw new KmsServiceError(
      'Rejected.LimitExceeded',
      `The key ${key.keyId} already has ${key.versions.length} versions; a key may have at most ${MAX_KEY_VERSIONS}, the initial version included.`,
    );
  }
  const lastRotation = newestVersion(key).creationDate;
  const earliestMs = Date.parse(lastRotation) + MIN_ROTATION_INTERVAL_SECONDS * 1000;
  if (nowMs < earliestMs) {
    throw new KmsServiceError(
      'Rejected.UnsupportedOperation',
      `The key ${key.keyId} was last rotated at ${lastRotation}; versions must be at least 7 days apart, so the earliest time for a new version is ${formatDate(earliestMs)}.`,
    );
  }
}
