/** What the client tells an observer after every attempt: for `--debug` logs, request counts and the service's clock. */
import type { KmsAction } from './actions.js';
import type { TransportErrorKind } from './errors.js';

/** One attempt's outcome. Never a parameter other than the action and KeyId, never a credential. */
export interface KmsRequestEvent {
  action: KmsAction;
  region: string;
  /** The endpoint URL (origin, plus path behind a gateway). */
  endpoint: string;
  /** The KeyId parameter (an ID or alias) when the action has one. */
  keyId: string | undefined;
  /** 1 for the first attempt. */
  attempt: number;
  outcome: 'success' | 'api-error' | 'transport-error';
  /** The HTTP status, when a response came. */
  status: number | undefined;
  /** The service's error code, for an API error. */
  code: string | undefined;
  /** The transport error kind, for a transport error. */
  errorKind: TransportErrorKind | undefined;
  requestId: string | undefined;
  /** The service's clock, from the `Date` header of the answer, when one came (for clock-skew-safe planning). */
  serverDate: Date | undefined;
  durationMs: number;
  /** The back-off before the next attempt; undefined when this attempt is the last. */
  retryDelayMs: number | undefined;
}

export type KmsRequestObserver = (event: KmsRequestEvent) => void;

/** Calls the observer; an observer that throws must not change the call's outcome. */
export function notifyObserver(observer: KmsRequestObserver | undefined, event: KmsRequestEvent): void {
  if (!observer) return;
  try {
    observer(event);
  } catch {
    // Ignored on purpose: a logging bug must not fail a KMS call.
  }
}
