/**
 * The mark of each key in a plan's output: its action, or `due-soon` for a key with nothing to do now
 * whose rotation falls due within its `rotation.warnBefore`. One ASCII symbol per mark, shown in the
 * text plan's legend, in Markdown and before apply's plan; none is `-`, which a Terraform user reads as
 * "destroy".
 */
import { assertNever, type KeyPlan, type PlanAction } from '../plan/types.js';
import type { Style } from '../style.js';

export type KeyMark = PlanAction | 'due-soon';

export const MARK_SYMBOLS: Readonly<Record<KeyMark, string>> = { create: '+', deferred: '>', error: '!', 'due-soon': '^', 'no-op': '=' };

/** Legend lines, in the order they are listed. */
export const MARK_LEGEND: Readonly<Record<KeyMark, string>> = {
  create: 'create a version',
  deferred: 'deferred: the service allows one version every 7 days',
  error: 'error: cannot get the version it wants',
  'due-soon': 'due soon: no change now; rotation falls due within rotation.warnBefore',
  'no-op': 'no change (listed when there is drift)',
};

export function markOf(key: KeyPlan): KeyMark {
  return key.action === 'no-op' && key.dueSoon !== undefined ? 'due-soon' : key.action;
}

export function paintMark(mark: KeyMark, style: Style): string {
  const text = MARK_SYMBOLS[mark];
  switch (mark) {
    case 'create':
      return style.green(text);
    case 'deferred':
    case 'due-soon':
      return style.yellow(text);
    case 'error':
      return style.red(text);
    case 'no-op':
      return style.dim(text);
    default:
      return assertNever(mark, 'key mark');
  }
}
