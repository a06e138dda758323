/**
 * A per-request delay standing for the network between a client and the service: every API request is
 * answered `latencyMs ± jitterMs` (uniform) after it arrived, its processing included, so a benchmark
 * against the emulator on loopback sees round trips like a real endpoint's. Admin requests are never delayed.
 */

export interface LatencySettings {
  /** Mean delay of each API request, in milliseconds; 0 for none. */
  latencyMs: number;
  /** Half-width of the uniform jitter around the mean, in milliseconds; at most `latencyMs`. */
  jitterMs: number;
}

export const NO_LATENCY: Readonly<LatencySettings> = Object.freeze({ latencyMs: 0, jitterMs: 0 });

/** Longest delay accepted: a minute is far beyond any network, and keeps a typo from hanging clients. */
export const MAX_LATENCY_MS = 60_000;

const DURATION = /^(\d+(?:\.\d+)?)(ms|s)?$/;

/** `20ms`, `1.5s` or a bare number of milliseconds (`20`), as milliseconds; undefined when not one. */
export function parseLatency(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const ms = Number(match[1]) * (match[2] === 's' ? 1000 : 1);
  return Number.isFinite(ms) && ms <= MAX_LATENCY_MS ? ms : undefined;
}

/** `20ms`: how settings are shown (admin answers, the CLI banner). */
export function formatLatency(ms: number): string {
  return `${Number(ms.toFixed(3))}ms`;
}

/** Checks settings, throwing a RangeError that quotes the bad value. */
export function checkLatency(settings: LatencySettings): LatencySettings {
  const { latencyMs, jitterMs } = settings;
  if (!Number.isFinite(latencyMs) || latencyMs < 0 || latencyMs > MAX_LATENCY_MS) {
    throw new RangeError(`latency must be from 0 to ${MAX_LATENCY_MS} ms, got ${String(latencyMs)}`);
  }
  if (!Number.isFinite(jitterMs) || jitterMs < 0 || jitterMs > latencyMs) {
    throw new RangeError(`latency jitter must be from 0 to the latency (${latencyMs} ms), got ${String(jitterMs)}`);
  }
  return { latencyMs, jitterMs };
}

/** The delay of one request: uniform in [latency - jitter, latency + jitter], `random` in [0, 1). */
export function drawDelay(settings: LatencySettings, random: () => number): number {
  if (settings.latencyMs <= 0) return 0;
  const offset = settings.jitterMs === 0 ? 0 : (random() * 2 - 1) * settings.jitterMs;
  return Math.max(0, settings.latencyMs + offset);
}

export interface LatencyRuntime {
  random(): number;
  sleep(ms: number): Promise<void>;
}

const SYSTEM_RUNTIME: LatencyRuntime = {
  random: () => Math.random(),
  // Unref'd: a simulated network delay keeps no process alive. While the emulator serves, its server does;
  // once it closes (Ctrl-C, SIGTERM), answers still waiting here must not hold the exit for up to a minute.
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()),
};

/** The emulator's latency: settings that can change while it runs, and the wait each request makes. */
export class Latency {
  #settings: LatencySettings;
  readonly #runtime: LatencyRuntime;

  constructor(settings: LatencySettings = NO_LATENCY, runtime: Partial<LatencyRuntime> = {}) {
    this.#settings = checkLatency(settings);
    this.#runtime = { ...SYSTEM_RUNTIME, ...runtime };
  }

  get settings(): LatencySettings {
    return { ...this.#settings };
  }

  set(settings: LatencySettings): void {
    this.#settings = checkLatency(settings);
  }

  /** Waits one request's delay (nothing at all when there is no latency, not even a tick). */
  wait(): Promise<void> | undefined {
    const ms = drawDelay(this.#settings, this.#runtime.random);
    return ms > 0 ? this.#runtime.sleep(ms) : undefined;
  }
}
