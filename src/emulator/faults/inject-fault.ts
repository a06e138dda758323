/**
 * The faults' hook in the API request path, called once a request is authenticated and its action is
 * known, before any work: `error` throws the service error (answered like any other), `delay` waits,
 * `reset` and `drop-after-commit` tell the handler to destroy the connection (before the work, or
 * after it was done and persisted).
 */
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ErrorCode } from '../../kms/wire/error-codes.js';
import { KmsServiceError } from '../errors.js';
import type { Scope } from '../model.js';
import { resolveKey } from '../resolve-key.js';
import type { EmulatorStore } from '../store.js';
import type { FaultInjector } from './fault-injector.js';

/** What the handler does next: serve as usual, or destroy the connection before or after the work. */
export type FaultOutcome = 'serve' | 'reset' | 'drop-after-commit';

export interface FaultContext {
  action: string;
  params: Readonly<Record<string, string>>;
  /** The caller's account and the request's region: where the KeyId is looked up. */
  scope: Scope;
  store: EmulatorStore;
  log?: ((line: string) => void) | undefined;
}

export async function injectFault(faults: FaultInjector | undefined, ctx: FaultContext): Promise<FaultOutcome> {
  if (faults === undefined) return 'serve';
  const keyId = ctx.params['KeyId'] || undefined;
  const fired = faults.decide({
    action: ctx.action,
    keyId,
    resolveKeyId: () => {
      try {
        return keyId === undefined ? undefined : resolveKey(ctx.store, ctx.scope, keyId).keyId;
      } catch {
        return undefined;
      }
    },
  });
  if (fired === undefined) return 'serve';
  const { rule, index } = fired;
  ctx.log?.(`fault: rule ${index} (${rule.effect}) on ${ctx.action}${keyId ? ` ${keyId}` : ''}`);
  switch (rule.effect) {
    case 'error': {
      const message = rule.message ?? `The emulator injected this fault (rule ${index}: ${rule.code}).`;
      // The rule may name any code (the point is to try codes the client must cope with), not only ours.
      // Its body is the gateway's for the gateway's codes (throttling, say), else KMS's (error-forms.ts).
      throw new KmsServiceError(rule.code as ErrorCode, message, rule.status);
    }
    case 'delay':
      // Like the latency's sleep, an injected delay keeps no closed emulator's process alive.
      await sleep(rule.ms ?? 0, undefined, { ref: false });
      return 'serve';
    case 'reset':
    case 'drop-after-commit':
      return rule.effect;
  }
}

/** Ends an exchange without an answer: the client sees its connection closed. */
export function dropConnection(res: ServerResponse): void {
  res.destroy();
}
