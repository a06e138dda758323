/**
 * `/_emulator/faults`, one of the emulator's own endpoints (loopback only, like the others):
 *
 *   GET    → the installed rules' stats (FaultStats)
 *   POST   {"seed": 1, "rules": [...]} → installs them (replacing any), answers their stats
 *   DELETE → removes every rule, answers the (empty) stats
 *
 * Bad rules are a 400 whose message names the field; the caller (admin.ts) writes the answer.
 */
import type { IncomingMessage } from 'node:http';
import { KmsServiceError } from '../errors.js';
import { readBody } from '../request-parser.js';
import type { FaultInjector } from './fault-injector.js';
import type { FaultStats } from './fault-types.js';
import { FaultConfigError } from './parse-fault-config.js';

const MAX_RULES_BYTES = 1024 * 1024;

export async function handleFaultsRequest(req: IncomingMessage, method: string, faults: FaultInjector): Promise<{ status: number; body: FaultStats }> {
  if (method === 'GET') return { status: 200, body: faults.snapshot() };
  if (method === 'DELETE') {
    faults.clear();
    return { status: 200, body: faults.snapshot() };
  }
  if (method !== 'POST') throw new KmsServiceError('InvalidParameter', `${method} is not supported on /_emulator/faults; use GET, POST or DELETE.`, 405);
  const text = (await readBody(req, MAX_RULES_BYTES)).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new KmsServiceError('InvalidParameter', 'The body is not JSON; send {"seed": 1, "rules": [...]}.');
  }
  try {
    return { status: 200, body: faults.configure(parsed) };
  } catch (error) {
    if (error instanceof FaultConfigError) throw new KmsServiceError('InvalidParameter', error.message);
    throw error;
  }
}
