/** What an action handler gets, and what it returns: its action's wire answer without `RequestId`. */
import type { WireAction, WireActionBody } from '../../kms/wire/types.js';
import type { Scope } from '../model.js';
import type { ParamReader } from '../params.js';
import type { EmulatorStore } from '../store.js';

export interface ActionContext {
  params: ParamReader;
  /** The caller's account and the region the request addresses (RegionId, else the Host, else the default). */
  scope: Scope;
  store: EmulatorStore;
  /** The emulator clock, read once per request. */
  nowMs: number;
}

/**
 * Handlers are synchronous on purpose: a check and the change it guards can never interleave with
 * another request. Each returns its action's wire type, so the emulator cannot drift from the client.
 */
export type ActionHandler<A extends WireAction> = (ctx: ActionContext) => WireActionBody<A>;
