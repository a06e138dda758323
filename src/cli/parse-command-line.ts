/**
 * Helpers for reading parsed flag values, kept at this path for the emulator's flag modules. The command
 * line itself is read in arguments/command-line.ts.
 */
export { booleanValue, listValue, stringValue } from './arguments/command-line.js';
