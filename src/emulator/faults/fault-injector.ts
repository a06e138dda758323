/**
 * Decides, request by request, which fault (if any) the emulator injects. The rules are tried in
 * order; a rule with a probability below 1 draws one number from a PRNG seeded with the config's seed,
 * and only when it matches and still has hits left. So the decisions depend only on the seed and the
 * sequence of (action, key) the emulator sees: same seed, same requests, same faults.
 */
import { mulberry32 } from './prng.js';
import { parseFaultConfig } from './parse-fault-config.js';
import type { FaultConfig, FaultRule, FaultStats } from './fault-types.js';

/** What a request looks like to the rules. */
export interface FaultRequest {
  action: string;
  /** The `KeyId` parameter as sent, when there is one. */
  keyId?: string | undefined;
  /** The key ID it resolves to; asked only when a rule names a key. */
  resolveKeyId?: (() => string | undefined) | undefined;
}

/** A rule that fired, with its position for logs and stats. */
export interface FiredFault {
  index: number;
  rule: FaultRule;
}

interface RuleState {
  rule: FaultRule;
  matched: number;
  fired: number;
}

/** The installed rules of one emulator; `configure` replaces them and restarts the PRNG and the counts. */
export class FaultInjector {
  private seed: number | null = null;
  private rules: RuleState[] = [];
  private random: () => number = mulberry32(0);

  /** Checks and installs `input` (throws FaultConfigError naming the bad field). */
  configure(input: unknown, source?: string): FaultStats {
    const config: FaultConfig = parseFaultConfig(input, source);
    this.seed = config.seed ?? 0;
    this.random = mulberry32(this.seed);
    this.rules = config.rules.map((rule) => ({ rule, matched: 0, fired: 0 }));
    return this.snapshot();
  }

  /** Removes every rule. */
  clear(): void {
    this.seed = null;
    this.rules = [];
  }

  /** The fault for one request, or undefined. Call once per API request, in arrival order. */
  decide(request: FaultRequest): FiredFault | undefined {
    let resolved: { id: string | undefined } | undefined;
    for (const [index, state] of this.rules.entries()) {
      const { rule } = state;
      if (rule.action !== '*' && rule.action !== request.action) continue;
      if (rule.key !== undefined && rule.key !== request.keyId) {
        resolved ??= { id: request.keyId === undefined ? undefined : request.resolveKeyId?.() };
        if (rule.key !== resolved.id) continue;
      }
      if (rule.count !== undefined && state.fired >= rule.count) continue;
      state.matched += 1;
      const probability = rule.probability ?? 1;
      const hit = probability >= 1 ? true : probability <= 0 ? false : this.random() < probability;
      if (!hit) continue;
      state.fired += 1;
      return { index, rule };
    }
    return undefined;
  }

  snapshot(): FaultStats {
    return {
      seed: this.seed,
      fired: this.rules.reduce((sum, state) => sum + state.fired, 0),
      rules: this.rules.map((state, index) => ({
        rule: index,
        action: state.rule.action,
        ...(state.rule.key === undefined ? {} : { key: state.rule.key }),
        effect: state.rule.effect,
        matched: state.matched,
        fired: state.fired,
      })),
    };
  }
}
