/**
 * Every kmsctl command, in the order `kmsctl --help` lists them. A command's module is imported only
 * when that command runs: `kmsctl plan` then never loads the emulator, the config editor or doctor,
 * which keeps its start-up time and memory to what planning needs.
 */
import type { Command } from './command.js';

export interface CommandEntry {
  name: string;
  /** One line for the command list. */
  summary: string;
  load(): Promise<Command>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'validate', summary: 'Check the config files (syntax, schema, limits) without calling KMS', load: async () => (await import('./commands/validate.js')).validateCommand },
  { name: 'plan', summary: 'Show which key versions apply would create, defer or cannot create', load: async () => (await import('./commands/plan.js')).planCommand },
  { name: 'apply', summary: 'Create the key versions the plan calls for', load: async () => (await import('./commands/apply.js')).applyCommand },
  { name: 'show', summary: 'Show the live versions of the declared keys', load: async () => (await import('./commands/show.js')).showCommand },
  { name: 'public-keys', summary: 'Export the public keys of the declared keys\' versions as a JWKS or PEM files', load: async () => (await import('./commands/public-keys.js')).publicKeysCommand },
  { name: 'report', summary: 'Write an HTML page and JSON figures of every key\'s rotation against its policy', load: async () => (await import('./commands/report.js')).reportCommand },
  { name: 'pin', summary: 'Write the IDs of the live versions unpinned entries stand for into the config', load: async () => (await import('./commands/pin.js')).pinCommand },
  { name: 'fmt', summary: 'Rewrite the config files in the canonical layout', load: async () => (await import('./commands/fmt.js')).fmtCommand },
  { name: 'import', summary: 'Print a config for existing keys with every live version pinned', load: async () => (await import('./commands/import.js')).importCommand },
  { name: 'doctor', summary: 'Show the credentials, regions and endpoints kmsctl would use, and check each endpoint', load: async () => (await import('./commands/doctor.js')).doctorCommand },
  { name: 'emulator', summary: 'Run a local KMS emulator (for tests and demos)', load: async () => (await import('./commands/emulator.js')).emulatorCommand },
  { name: 'completion', summary: 'Print a shell completion script (bash, zsh, fish)', load: async () => (await import('./commands/completion.js')).completionCommand },
  { name: 'version', summary: 'Print the version of kmsctl', load: async () => (await import('./commands/version.js')).versionCommand },
];
