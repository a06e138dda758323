/**
 * Every error code the CLI layer reports, defined once. Text output shows them as `error[code]`, JSON
 * output in `error.code`; tests and tooling match on them, never on wording, so renaming one is a
 * breaking change. Config diagnostics keep their own codes (src/config/codes.ts), the client its own
 * (`credentials.*`, `endpoint.*`, `region.*`: src/kms), and keys in a plan theirs (src/plan/error-codes.ts).
 */
import { PLAN_FILE_CODES } from '../plan-file/codes.js';

export const CLI_CODES = {
  // The command line
  unknownCommand: 'cli.unknown-command',
  unknownFlag: 'cli.unknown-flag',
  missingFlagValue: 'cli.missing-flag-value',
  badFlagValue: 'cli.bad-flag-value',
  conflictingFlags: 'cli.conflicting-flags',
  unexpectedArgument: 'cli.unexpected-argument',
  missingArgument: 'cli.missing-argument',
  unknownTarget: 'cli.unknown-target',
  unknownAccount: 'cli.unknown-account',
  missingRegion: 'cli.missing-region',
  badDirectory: 'cli.bad-directory',
  stdinConfigUnsupported: 'cli.stdin-config-unsupported',
  interrupted: 'cli.interrupted',
  // The config as a whole
  configInvalid: 'config.invalid',
  configUnwritable: 'config.unwritable',
  configReadOnly: 'config.read-only',
  // Saved plans (src/plan-file/codes.ts)
  ...PLAN_FILE_CODES,
  markdownUnwritable: 'plan.markdown-unwritable',
  planDrift: 'plan.drift',
  // apply
  applyNeedsApproval: 'apply.needs-approval',
  applyCancelled: 'apply.cancelled',
  pinNotPossible: 'apply.pin-not-possible',
  // pin
  pinIncomplete: 'pin.incomplete',
  // import
  importKeyUnreadable: 'import.key-unreadable',
  // Talking to KMS
  kmsApiError: 'kms.api-error',
  kmsTransport: 'kms.transport',
  profileNotAFile: 'credentials.profile-not-a-file',
  // The emulator command (src/cli/commands/emulator.ts)
  emulatorSeed: 'emulator.seed',
  emulatorFaults: 'emulator.faults',
  emulatorState: 'emulator.state',
  emulatorStateLocked: 'emulator.state-locked',
  emulatorTls: 'emulator.tls',
  emulatorListen: 'emulator.listen',
  // A bug in kmsctl
  internal: 'internal.bug',
} as const;

export type CliCode = (typeof CLI_CODES)[keyof typeof CLI_CODES];
