/**
 * GetPublicKey, AsymmetricSign and AsymmetricVerify, as the API 2016-01-20 pages give them: a version is
 * named by `KeyId` (ID, alias or ARN) and `KeyVersionId`; `Algorithm` must be one of the key spec's
 * (`SIGNING_ALGORITHMS`); `Digest` is the base64 of the 32-byte digest, which the service signs as it is;
 * signatures (`Value`) are base64, DER for ECDSA and SM2DSA. A malformed or foreign signature verifies
 * as false; a malformed parameter is `InvalidParameter` quoting it. The signing actions count in no quota
 * group (src/kms/wire/quotas.ts); GetPublicKey counts among the key-management reads, as published.
 */
import { SIGNING_DIGEST_BYTES, signingAlgorithmsFor, type SigningAlgorithm } from '../../kms/wire/enums.js';
import type { ActionContext, ActionHandler } from '../actions/context.js';
import { invalidParameter } from '../errors.js';
import { publicKeyPem } from './key-material.js';
import { signDigest, verifyDigest } from './sign-digest.js';
import { materialOf, usableVersion, type UsableVersion } from './version-material.js';

export const getPublicKey: ActionHandler<'GetPublicKey'> = (ctx) => {
  const usable = usableVersion(ctx, 'GetPublicKey', undefined);
  return { KeyId: usable.key.keyId, KeyVersionId: usable.version.keyVersionId, PublicKey: publicKeyPem(materialOf(ctx, usable)) };
};

export const asymmetricSign: ActionHandler<'AsymmetricSign'> = (ctx) => {
  const request = signingRequest(ctx, 'AsymmetricSign');
  const signature = signDigest(request.usable.spec, request.algorithm, materialOf(ctx, request.usable), request.digest);
  return { KeyId: request.usable.key.keyId, KeyVersionId: request.usable.version.keyVersionId, Value: signature.toString('base64') };
};

export const asymmetricVerify: ActionHandler<'AsymmetricVerify'> = (ctx) => {
  const request = signingRequest(ctx, 'AsymmetricVerify');
  const signature = base64Parameter(ctx, 'Value');
  const valid = signature.length > 0 && verifyDigest(request.usable.spec, request.algorithm, materialOf(ctx, request.usable), request.digest, signature);
  return { KeyId: request.usable.key.keyId, KeyVersionId: request.usable.version.keyVersionId, Value: valid };
};

interface SigningRequest {
  usable: UsableVersion;
  algorithm: SigningAlgorithm;
  digest: Buffer;
}

function signingRequest(ctx: ActionContext, action: string): SigningRequest {
  const algorithmText = ctx.params.required('Algorithm');
  const digestText = ctx.params.required('Digest');
  const usable = usableVersion(ctx, action, 'SIGN/VERIFY');
  const algorithm = signingAlgorithmsFor(usable.spec).find((a) => a === algorithmText);
  if (algorithm === undefined) throw invalidParameter('Algorithm', algorithmText, `is not an algorithm of ${usable.spec} keys (${signingAlgorithmsFor(usable.spec).join(', ')})`);
  const digest = decodeBase64('Digest', digestText);
  if (digest.length !== SIGNING_DIGEST_BYTES) throw invalidParameter('Digest', digestText, `is ${digest.length} bytes; ${algorithm} signs a ${SIGNING_DIGEST_BYTES}-byte digest`);
  return { usable, algorithm, digest };
}

function base64Parameter(ctx: ActionContext, name: string): Buffer {
  return decodeBase64(name, ctx.params.required(name));
}

/** Standard base64 with its padding, as the SDKs send it; anything else is InvalidParameter. */
function decodeBase64(name: string, text: string): Buffer {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw invalidParameter(name, text, 'is not base64');
  return Buffer.from(text, 'base64');
}
