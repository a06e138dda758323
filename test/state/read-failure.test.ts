import { describe, expect, it } from 'vitest';
import { KmsConfigError, KmsTransportError } from '../../src/kms/errors.js';
import { classifyReadFailure } from '../../src/state/read-failure.js';
import { apiError } from '../builders/index.js';

describe('classifyReadFailure', () => {
  it.each([
    ['a missing key', apiError('Forbidden.KeyNotFound', 404, 'DescribeKey'), 'key', 'not-found'],
    ['a missing alias', apiError('Forbidden.AliasNotFound', 404, 'DescribeKey'), 'key', 'not-found'],
    ['another not-found answer to DescribeKey', apiError('Forbidden.ResourceNotFound', 404, 'DescribeKey'), 'key', 'not-found'],
    ['access to one key denied', apiError('Forbidden.NoPermission', 403, 'DescribeKey'), 'key', 'failed'],
    ['a server error', apiError('InternalFailure', 500, 'ListKeyVersions'), 'key', 'failed'],
    ['an unknown access key', apiError('InvalidAccessKeyId.NotFound', 404, 'DescribeKey'), 'location', 'failed'],
    ['a wrong signature', apiError('SignatureDoesNotMatch', 400, 'DescribeKey'), 'location', 'failed'],
    ['an expired token', apiError('InvalidSecurityToken.Expired', 400, 'DescribeKey'), 'location', 'failed'],
    ['a role that cannot be assumed', apiError('NoPermission.RoleArn', 403, 'AssumeRole'), 'location', 'failed'],
    ['missing credentials', new KmsConfigError('credentials.missing', 'none'), 'location', 'failed'],
    ['no route to the endpoint', new KmsTransportError('connect', 'DescribeKey', 'https://kms', 'refused'), 'location', 'failed'],
    ['a reset connection', new KmsTransportError('reset', 'DescribeKey', 'https://kms', 'reset'), 'key', 'failed'],
  ])('%s concerns the %s', (_name, error, scope, status) => {
    expect(classifyReadFailure(error)).toMatchObject({ scope, status });
  });

  it('keeps the service code and request ID', () => {
    expect(classifyReadFailure(apiError('NoPermission.RoleArn', 403, 'AssumeRole'))).toMatchObject({ code: 'NoPermission.RoleArn', requestId: 'REQ-NoPermission.RoleArn' });
  });

  it('raises anything that is not a KMS client error again: that is a bug', () => {
    expect(() => classifyReadFailure(new TypeError('boom'))).toThrow('boom');
  });
});
