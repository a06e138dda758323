/**
 * `kmsctl public-keys`'s view. With `--json`, stdout carries one document (schemas/public-keys.schema.json);
 * otherwise a JWKS written to stdout is the whole of stdout and the summary goes to stderr, and with
 * `--out`/`--out-dir` the summary is stdout's.
 */
import type { PublicKeySet } from '../../public-keys/public-key-set.js';
import { publicKeysToJson, type PublicKeysOutput } from '../../public-keys/public-keys-json.js';
import { renderPublicKeysText } from '../../public-keys/public-keys-text.js';
import { KMSCTL_VERSION } from '../../version.js';
import { CommandView } from './command-view.js';
import type { Terminal } from './terminal.js';

export class PublicKeysView extends CommandView {
  constructor(term: Terminal, json: boolean, jwksOnStdout: boolean) {
    super(term, 'public-keys', json ? 'json' : 'human', json || jwksOnStdout);
  }

  /** The JWKS itself, when it goes to stdout. */
  jwks(text: string): void {
    this.term.out.write(text);
  }

  result(set: PublicKeySet, output: PublicKeysOutput): void {
    if (this.mode === 'json') {
      this.term.out.write(`${JSON.stringify(publicKeysToJson(set, output, KMSCTL_VERSION), null, 2)}\n`);
      return;
    }
    const toStderr = this.documentOnStdout;
    (toStderr ? this.term.err : this.term.out).write(renderPublicKeysText(set, output, toStderr ? this.term.errStyle : this.term.outStyle));
  }
}
