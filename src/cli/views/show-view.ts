/** `kmsctl show`'s view: the live keys as text, or the JSON document of schemas/show.schema.json. */
import type { LocationProblem } from '../../operations/location-problems.js';
import type { ShownKey } from '../../operations/show-keys.js';
import { renderShowText, showToJson } from '../../render/show-text.js';
import { KMSCTL_VERSION } from '../../version.js';
import { CommandView } from './command-view.js';
import type { Terminal } from './terminal.js';

export class ShowView extends CommandView {
  constructor(term: Terminal, json: boolean) {
    super(term, 'show', json ? 'json' : 'human');
  }

  keys(shown: readonly ShownKey[], now: Date, problems: readonly LocationProblem[]): void {
    if (this.mode === 'json') this.term.out.write(`${JSON.stringify(showToJson(shown, { kmsctlVersion: KMSCTL_VERSION, now, problems }), null, 2)}\n`);
    else this.term.out.write(renderShowText(shown, { color: this.term.outColor, width: this.term.width, problems }));
  }
}
