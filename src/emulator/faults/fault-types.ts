/**
 * The emulator's fault rules (schemas/faults.schema.json): which API requests to hit, how often, and
 * with what. Tests and users install them through `POST /_emulator/faults`, `--faults FILE` or the
 * `faults` option of `startEmulator`, to watch a client cope with errors, latency and lost answers.
 */

export const FAULT_EFFECTS = ['error', 'delay', 'reset', 'drop-after-commit'] as const;

/**
 * - `error`: the service's error body with `status` and `code`; the work is not done.
 * - `delay`: wait `ms`, then serve the request normally.
 * - `reset`: destroy the connection before any work.
 * - `drop-after-commit`: do the work (persisted when there is a state file), then destroy the
 *   connection without an answer: the client cannot tell whether its request was served. An action
 *   that fails (nothing committed) is answered as usual.
 *
 * Requests whose connection a fault destroyed get no answer, so they are counted in the fault stats
 * only, not in the per-action counts of `GET /_emulator/stats`.
 */
export type FaultEffect = (typeof FAULT_EFFECTS)[number];

/** A rule as written (JSON or YAML). */
export interface FaultRule {
  /** An action's wire name, or `*` for every action. */
  action: string;
  /** Only requests whose `KeyId` is this (as sent), or resolves to this key ID. */
  key?: string | undefined;
  /** Each matching request is hit with this probability; default 1. */
  probability?: number | undefined;
  /** Hit at most this many matching requests, then stop. */
  count?: number | undefined;
  effect: FaultEffect;
  /** `error`: the HTTP status (400..599) and the error Code; an optional Message. */
  status?: number | undefined;
  code?: string | undefined;
  message?: string | undefined;
  /** `delay`: milliseconds to wait. */
  ms?: number | undefined;
}

/** What `POST /_emulator/faults` takes, and what a `--faults` file holds. */
export interface FaultConfig {
  /** Seed of the PRNG that draws the `probability` rules; default 0. */
  seed?: number | undefined;
  rules: FaultRule[];
}

/** How often one rule matched and fired since the rules were installed. */
export interface FaultRuleStats {
  rule: number;
  action: string;
  key?: string | undefined;
  effect: FaultEffect;
  /** Requests the rule matched (action and key) while it was tried. */
  matched: number;
  /** Requests it hit. */
  fired: number;
}

/** The `faults` field of `GET /_emulator/stats`, and the answer of `/_emulator/faults`. */
export interface FaultStats {
  /** The installed seed, or null when no rules are installed. */
  seed: number | null;
  /** Faults injected in all, since the rules were installed. */
  fired: number;
  rules: FaultRuleStats[];
}
