/**
 * The emulator's clock. Key dates and the 7-day rule read it; signature timestamps and nonces never do
 * (they use the host's real clock, as the real service does), so a test can jump weeks ahead while its
 * requests stay correctly signed.
 */

/** The clock a running emulator exposes. Changes are persisted with the state when there is a state file. */
export interface EmulatorClock {
  /** The emulator's current time. */
  now(): Date;
  /** Moves the clock by `ms` milliseconds (negative moves it back). */
  advance(ms: number): void;
  /** Sets the clock to `date`; a running clock keeps running from there. */
  set(date: Date): void;
  /** True when the clock stands still between `advance`/`set` calls. */
  readonly frozen: boolean;
}

/** How a clock is saved: the offset from the real clock when running, the instant when frozen. */
export type SavedClock = { offsetMs: number } | { frozenAt: string };

/** The clock itself. The store wraps `advance`/`set` so that every change is persisted. */
export class OffsetClock implements EmulatorClock {
  readonly frozen: boolean;
  private offsetMs = 0;
  private frozenAtMs = 0;
  private readonly realNow: () => number;

  constructor(options: { startMs?: number | undefined; frozen?: boolean | undefined; realNow?: () => number }) {
    this.realNow = options.realNow ?? Date.now;
    this.frozen = options.frozen ?? false;
    this.setMs(options.startMs ?? this.realNow());
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    return this.frozen ? this.frozenAtMs : this.realNow() + this.offsetMs;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms)) throw new RangeError(`clock advance must be a finite number of milliseconds, got ${ms}`);
    this.setMs(this.nowMs() + ms);
  }

  set(date: Date): void {
    const ms = date.getTime();
    if (Number.isNaN(ms)) throw new RangeError('clock set needs a valid date');
    this.setMs(ms);
  }

  save(): SavedClock {
    return this.frozen ? { frozenAt: new Date(this.frozenAtMs).toISOString() } : { offsetMs: this.offsetMs };
  }

  /** Restores a saved clock; a running clock saved earlier resumes with its offset, so time has passed. */
  restore(saved: SavedClock): void {
    this.setMs('frozenAt' in saved ? Date.parse(saved.frozenAt) : this.realNow() + saved.offsetMs);
  }

  private setMs(ms: number): void {
    if (this.frozen) this.frozenAtMs = ms;
    else this.offsetMs = ms - this.realNow();
  }
}
