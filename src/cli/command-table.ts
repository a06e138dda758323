/** Every kmsctl command, in the order `kmsctl --help` lists them. */
import type { Command } from './command.js';
import { applyCommand } from './commands/apply.js';
import { emulatorCommand } from './commands/emulator.js';
import { importCommand } from './commands/import.js';
import { planCommand } from './commands/plan.js';
import { showCommand } from './commands/show.js';
import { validateCommand } from './commands/validate.js';

export const COMMANDS: readonly Command[] = [validateCommand, planCommand, applyCommand, showCommand, importCommand, emulatorCommand];
