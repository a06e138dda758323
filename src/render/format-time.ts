/** Time formatting shared by the renderers: relative times such as `in 3d 4h` or `2h ago`. */
import { formatDuration, parseInstant } from '../plan/instant.js';

/** `in 3d 4h`, `now`, or `5m ago`, from `target` (ISO) relative to `now`; undefined if unreadable. */
export function formatRelative(target: string, now: Date): string | undefined {
  const targetMs = parseInstant(target);
  if (targetMs === undefined || Number.isNaN(now.getTime())) return undefined;
  const delta = targetMs - now.getTime();
  if (Math.abs(delta) < 1000) return 'now';
  return delta > 0 ? `in ${formatDuration(delta)}` : `${formatDuration(-delta)} ago`;
}

