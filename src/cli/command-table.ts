/** Every kmsctl command, in the order `kmsctl --help` lists them. */
import type { Command } from './command.js';
import { applyCommand } from './commands/apply.js';
import { doctorCommand } from './commands/doctor.js';
import { emulatorCommand } from './commands/emulator.js';
import { fmtCommand } from './commands/fmt.js';
import { importCommand } from './commands/import.js';
import { pinCommand } from './commands/pin.js';
import { planCommand } from './commands/plan.js';
import { showCommand } from './commands/show.js';
import { validateCommand } from './commands/validate.js';

export const COMMANDS: readonly Command[] = [validateCommand, planCommand, applyCommand, showCommand, pinCommand, fmtCommand, importCommand, doctorCommand, emulatorCommand];
