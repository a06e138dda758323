/** `kmsctl public-keys`'s text summary: a line per declared key, the problems, and where the keys went. */
import type { Style } from '../style.js';
import { joseAlgorithmOf } from './jose-algorithm.js';
import type { PublicKeySet } from './public-key-set.js';
import type { PublicKeysOutput } from './public-keys-json.js';

export function renderPublicKeysText(set: PublicKeySet, output: PublicKeysOutput, style: Style): string {
  const width = Math.max(...set.keys.map((key) => key.name.length), 4);
  const lines = set.keys.map((key) => {
    const name = key.name.padEnd(width);
    const outcome = key.outcome;
    switch (outcome.status) {
      case 'exported': {
        const alg = joseAlgorithmOf(key.keySpec ?? '', output.rsaAlgorithm).alg;
        const newest = outcome.versions[0];
        const shown = `${outcome.versions.length} of ${outcome.versionCount} version${outcome.versionCount === 1 ? '' : 's'}`;
        return `  ${style.green('+')} ${name}  ${key.keySpec ?? ''}${alg ? ` (${alg})` : ''}  ${shown}${newest ? `, newest ${newest.versionId} from ${newest.creationDate}` : ''}`;
      }
      case 'skipped':
        return `  ${style.dim('-')} ${name}  skipped: ${outcome.detail}`;
      case 'error':
        return `  ${style.red('!')} ${name}  ${style.red(`error[${outcome.code}]`)}: ${outcome.message}${outcome.requestId ? ` (RequestId ${outcome.requestId})` : ''}`;
    }
  });
  for (const problem of output.problems) lines.push(`  ${style.red('!')} ${style.red(`error[${problem.code}]`)}: ${problem.message}`);
  const count = output.format === 'jwks' ? (output.jwks?.keys.length ?? 0) : output.files.length;
  const keys =
    output.format === 'jwks'
      ? set.keys.filter((k) => k.outcome.status === 'exported' && k.outcome.versions.length > 0 && !output.problems.some((p) => p.name === k.name)).length
      : new Set(output.files.map((f) => f.name)).size;
  const where = output.destination === undefined ? 'standard output' : output.destination;
  const what = output.format === 'jwks' ? 'JWKS' : 'PEM files';
  lines.push('', `${count} public key${count === 1 ? '' : 's'} of ${keys} key${keys === 1 ? '' : 's'} written to ${where} (${what}).`);
  return `${lines.join('\n')}\n`;
}
