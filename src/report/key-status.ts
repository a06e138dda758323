/**
 * Where a key stands against its policy, read off its plan: the plan says what apply would do and why,
 * the planner's assessment whether rotation is due. Nothing here applies a rule of its own.
 */
import { assertNever, type KeyPlan } from '../plan/types.js';
import type { KeyStatus } from './fleet-report.js';

/** `rotationDue`: the planner found the newest version older than `rotation.maxAge`. */
export function keyStatus(plan: KeyPlan, rotationDue: boolean): KeyStatus {
  switch (plan.action) {
    case 'error':
      return 'error';
    case 'create':
      return rotationDue || plan.create.cause === 'rotation' ? 'overdue' : 'pending';
    case 'deferred':
      return rotationDue || plan.create.cause === 'rotation' ? 'overdue' : 'deferred';
    case 'no-op':
      // Rotation that fell due between the read and the plan is overdue all the same.
      if (rotationDue) return 'overdue';
      return plan.dueSoon === undefined ? 'within-policy' : 'due-soon';
    default:
      return assertNever(plan, 'key plan');
  }
}
