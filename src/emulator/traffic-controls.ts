/**
 * What stands between a client and the emulator's actions when it plays a remote service: the network
 * latency, the service's quotas per account, region and action group, and a plain rate quota over all
 * actions (for experiments). One object per emulator, changed at run time through `/_emulator/latency`
 * and `/_emulator/quota` (see admin-traffic.ts) or the handle `startEmulator` returns.
 */
import type { ServerResponse } from 'node:http';
import { NO_QUOTAS, QUOTA_GROUPS, type QuotaFigures, type QuotaGroup } from '../kms/wire/quotas.js';
import { Latency, NO_LATENCY, formatLatency, type LatencyRuntime, type LatencySettings } from './latency.js';
import { QuotaBoard } from './quota-board.js';
import { NO_QUOTA, RateQuota, type QuotaSettings } from './rate-quota.js';

export interface TrafficOptions {
  latency?: LatencySettings | undefined;
  quota?: QuotaSettings | undefined;
  /** The service's quotas per account, region and group; default none. */
  quotas?: QuotaFigures | undefined;
  /** Randomness and sleep of the latency, for tests. */
  latencyRuntime?: Partial<LatencyRuntime> | undefined;
  /** The quotas' monotonic clock in milliseconds, for tests. */
  quotaClock?: (() => number) | undefined;
}

/** How the settings read in admin answers. */
export interface TrafficDescription {
  latencyMs: number;
  jitterMs: number;
  latency: string;
  jitter: string;
  /** The plain quota: requests per second over all actions; null for none. */
  qps: number | null;
  burst: number | null;
  /** The service's quotas: requests per second per account, region and group; null for none. */
  quotas: Record<QuotaGroup, number | null>;
  /** API requests being served now, and the most at once since the settings last changed. */
  inFlight: number;
  peakInFlight: number;
}

export class TrafficControls {
  readonly latency: Latency;
  readonly quota: RateQuota;
  readonly quotas: QuotaBoard;
  #inFlight = 0;
  #peakInFlight = 0;

  constructor(options: TrafficOptions = {}) {
    this.latency = new Latency(options.latency ?? NO_LATENCY, options.latencyRuntime);
    this.quota = new RateQuota(options.quota ?? NO_QUOTA, options.quotaClock);
    this.quotas = new QuotaBoard(options.quotas ?? NO_QUOTAS, options.quotaClock);
  }

  /**
   * A request arrived: it counts as in flight until its answer is sent (or its connection closes). The
   * returned promise resolves one drawn latency after arrival (undefined when there is no latency); the
   * answer waits for it, so the emulator's own processing time is inside the latency, not added to it.
   */
  arrive(res: ServerResponse): Promise<void> | undefined {
    this.#inFlight += 1;
    this.#peakInFlight = Math.max(this.#peakInFlight, this.#inFlight);
    res.once('close', () => (this.#inFlight -= 1));
    return this.latency.wait();
  }

  /** Starts a new peak count (the admin routes do this whenever they change a setting). */
  resetPeak(): void {
    this.#peakInFlight = this.#inFlight;
  }

  /** The plain quota's check as the request arrives: throws `Rejected.Throttling` beyond it. */
  admit(): void {
    this.quota.admit();
  }

  describe(): TrafficDescription {
    const { latencyMs, jitterMs } = this.latency.settings;
    const { qps, burst } = this.quota.settings;
    return {
      latencyMs,
      jitterMs,
      latency: formatLatency(latencyMs),
      jitter: formatLatency(jitterMs),
      qps: qps ?? null,
      burst: burst ?? null,
      quotas: Object.fromEntries(QUOTA_GROUPS.map((group) => [group, this.quotas.figures[group] ?? null])) as Record<QuotaGroup, number | null>,
      inFlight: this.#inFlight,
      peakInFlight: this.#peakInFlight,
    };
  }
}
