/**
 * Signature V1 (HMAC-SHA1) as every RPC client of KMS sends it. The signature covers every parameter
 * but `Signature`, from the query and the form body alike, so the four transports (GET; POST with
 * everything in the query; POST with everything in the form; POST split between both) verify the same way.
 */
import { SIGNATURE_METHOD_V1, SIGNATURE_VERSION_V1, signV1, stringToSignV1 } from '../kms/signing/signature-v1.js';
import { KmsServiceError, invalidParameter, missingParameter } from './errors.js';
import type { ParsedRequest } from './request-parser.js';
import { signaturesEqual, type SignatureClaim } from './signature-claim.js';

export function readV1Claim(request: ParsedRequest): SignatureClaim {
  const params = request.params;
  const signature = params['Signature'];
  if (signature === undefined || signature === '') {
    throw new KmsServiceError('IncompleteSignature', 'The request signature does not conform to Aliyun standards: the "Signature" parameter is missing.');
  }
  const accessKeyId = required(params, 'AccessKeyId');
  const method = required(params, 'SignatureMethod');
  if (method !== SIGNATURE_METHOD_V1) throw invalidParameter('SignatureMethod', method, `is not supported; use ${SIGNATURE_METHOD_V1}`);
  const version = required(params, 'SignatureVersion');
  if (version !== SIGNATURE_VERSION_V1) throw invalidParameter('SignatureVersion', version, `is not supported; use ${SIGNATURE_VERSION_V1}`);
  return {
    version: 'v1',
    accessKeyId,
    timestamp: required(params, 'Timestamp'),
    timestampName: 'Timestamp',
    nonce: required(params, 'SignatureNonce'),
    securityToken: params['SecurityToken'] || undefined,
    action: params['Action'],
    apiVersion: params['Version'],
    verify(accessKeySecret) {
      const stringToSign = stringToSignV1(request.method, params);
      return { matches: signaturesEqual(signV1(stringToSign, accessKeySecret), signature), stringToSign };
    },
  };
}

function required(params: Record<string, string>, name: string): string {
  const value = params[name];
  if (value === undefined || value === '') throw missingParameter(name);
  return value;
}
