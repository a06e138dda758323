/**
 * Standard input for `-f -`, read for loadConfig's `stdin` option: at most one byte more than a config
 * file may hold (config-limits.ts), so that an endless or huge stream costs no more than that; the loader
 * then reports the text as too large before parsing it.
 */
import { MAX_CONFIG_FILE_BYTES } from './config-limits.js';

/** The display name of standard input in messages, as `-f -` reads it. */
export const STDIN_NAME = '<stdin>';

export async function readConfigStream(stream: AsyncIterable<Uint8Array | string>, limit = MAX_CONFIG_FILE_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    chunks.push(bytes);
    size += bytes.length;
    // Leaving the loop returns the iterator, which for a Node stream destroys it: nothing more is read.
    if (size > limit) break;
  }
  return Buffer.concat(chunks).subarray(0, limit + 1).toString('utf8');
}
