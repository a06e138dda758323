/** What an action handler gets, and what it returns: the response body without `RequestId`. */
import type { ParamReader } from '../params.js';
import type { WireBody } from '../responses.js';
import type { EmulatorStore } from '../store.js';

export interface ActionContext {
  params: ParamReader;
  /** The region the request addresses (RegionId, else the Host, else the default). */
  region: string;
  store: EmulatorStore;
  /** The account ID for ARNs and `Creator`. */
  uid: string;
  /** The emulator clock, read once per request. */
  nowMs: number;
}

/** Handlers are synchronous on purpose: a check and the change it guards can never interleave with another request. */
export type ActionHandler = (ctx: ActionContext) => WireBody;
