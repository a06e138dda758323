/**
 * One line for a location none of whose keys could be read: where, why, and what identifies the
 * failure at the service (the role ARN, STS's code, the request ID), as plan, show and apply print it.
 */
import type { LocationProblem } from '../operations/location-problems.js';

export function locationProblemLine(problem: LocationProblem): string {
  const where = problem.account === undefined ? problem.region : `account ${problem.account}, ${problem.region}`;
  const ids = [
    problem.roleArn !== undefined && !problem.message.includes(problem.roleArn) ? `role ${problem.roleArn}` : undefined,
    problem.stsCode !== undefined && !problem.message.includes(problem.stsCode) ? `STS ${problem.stsCode}` : undefined,
    problem.requestId !== undefined && !problem.message.includes(problem.requestId) ? `RequestId ${problem.requestId}` : undefined,
  ].filter((part) => part !== undefined);
  return `${where}: ${problem.code}: ${problem.message}${ids.length > 0 ? ` (${ids.join(', ')})` : ''}`;
}
