/**
 * Locations, (account, region) pairs, whose keys could not be read at all: a role that cannot be
 * assumed, credentials refused, no route to the endpoint. Each fails only its own keys; the run goes on
 * for the others and shows each such location once (text and JSON), with the role ARN, STS's code and
 * request ID when a role was the cause. A run that speaks as one identity and could read no location at
 * all ends with that one failure instead, as a run without accounts always did.
 */
import { AccountCredentialsError } from '../kms/errors.js';
import type { LiveKeyFacts, LiveState, LocationFailure } from '../state/live-state.js';
import { identityCount } from './run-accounts.js';

export interface LocationProblem {
  /** Undefined: the run's base identity. */
  account: string | undefined;
  region: string;
  /** kmsctl's or the service's code, e.g. `credentials.assume-role-failed`, `InvalidAccessKeyId.NotFound`, `transport.connect`. */
  code: string;
  message: string;
  /** The role that could not be assumed, when that was the cause. */
  roleArn: string | undefined;
  /** STS's error code, when STS refused the role. */
  stsCode: string | undefined;
  requestId: string | undefined;
}

export function locationProblemOf(failure: LocationFailure): LocationProblem {
  const { error } = failure;
  const role = error instanceof AccountCredentialsError ? error : undefined;
  return {
    account: failure.location.account,
    region: failure.location.region,
    code: failure.code,
    message: failure.message,
    roleArn: role?.roleArn,
    stsCode: role?.stsCode,
    requestId: failure.requestId ?? role?.requestId,
  };
}

/** Whether a key lives in the location of a problem. */
export function inProblemLocation(key: { account: string | undefined; region: string }, problem: LocationProblem): boolean {
  return key.account === problem.account && key.region === problem.region;
}

/**
 * The problems of a read, one per failed location; raises the first failure when the keys speak as one
 * identity and every location they live in failed (the keys would each repeat one message).
 */
export function settleLocationFailures<K extends LiveKeyFacts>(keys: readonly { account: string | undefined; region: string }[], state: LiveState<K>): LocationProblem[] {
  const failures = state.failures ?? [];
  const first = failures[0];
  if (first === undefined) return [];
  const locations = new Set(keys.map((key) => `${key.account ?? ''}\u0000${key.region}`));
  if (identityCount(keys) <= 1 && failures.length >= locations.size) throw first.error;
  return failures.map(locationProblemOf);
}
