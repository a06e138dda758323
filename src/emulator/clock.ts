/**
 * The emulator's clock. Key dates and the 7-day rule read it; signature timestamps and nonces never do
 * (they use the host's real clock, as the real service does), so a test can jump weeks ahead while its
 * requests stay correctly signed. The clock stays within the dates the state file can hold
 * (dates.ts, 1970 to the end of 9999): moving it outside is refused, and a running clock that reaches
 * the end stands still there.
 */
import { DATE_RANGE_TEXT, EARLIEST_DATE_MS, LATEST_DATE_MS, isStorableDate } from './dates.js';

/** Why the clock cannot be moved to `ms`, naming the limit; undefined when it can. */
export function clockRangeProblem(ms: number): string | undefined {
  if (isStorableDate(ms)) return undefined;
  const side = Number.isFinite(ms) && ms < EARLIEST_DATE_MS ? 'before 1970-01-01T00:00:00Z' : 'after 9999-12-31T23:59:59Z';
  return `the emulator clock cannot go ${side}: its dates must stay within ${DATE_RANGE_TEXT}, the dates its state file holds`;
}

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
    this.setMs(this.checked(options.startMs ?? this.realNow()));
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    return this.frozen ? this.frozenAtMs : Math.min(this.realNow() + this.offsetMs, LATEST_DATE_MS);
  }

  /** Moves the clock; a move beyond the dates the state file holds is a RangeError naming the limit. */
  advance(ms: number): void {
    if (!Number.isFinite(ms)) throw new RangeError(`clock advance must be a finite number of milliseconds, got ${ms}`);
    this.setMs(this.checked(this.nowMs() + ms));
  }

  set(date: Date): void {
    const ms = date.getTime();
    if (Number.isNaN(ms)) throw new RangeError('clock set needs a valid date');
    this.setMs(this.checked(ms));
  }

  save(): SavedClock {
    return this.frozen ? { frozenAt: new Date(this.frozenAtMs).toISOString() } : { offsetMs: this.offsetMs };
  }

  /** Restores a saved clock; a running clock saved earlier resumes with its offset, so time has passed. */
  restore(saved: SavedClock): void {
    this.setMs('frozenAt' in saved ? Date.parse(saved.frozenAt) : this.realNow() + saved.offsetMs);
  }

  private checked(ms: number): number {
    const problem = clockRangeProblem(ms);
    if (problem !== undefined) throw new RangeError(problem);
    return ms;
  }

  private setMs(ms: number): void {
    if (this.frozen) this.frozenAtMs = ms;
    else this.offsetMs = ms - this.realNow();
  }
}
