/**
 * Where a file failed the schema, kept so that the rules can still run on every part that passed: the
 * paths of the values that were wrong (removed from the value the rules see) or missing. A rule asks
 * whether the part it reads was touched by a schema error, and leaves it alone if so: the schema error
 * already says what is wrong there, and a rule error on top would repeat or contradict it.
 */
import type { PathSegment } from './yaml-locate.js';

export class SchemaDamage {
  /** Each damaged path, joined. */
  readonly #damaged = new Set<string>();
  /** Every proper prefix of a damaged path, joined: "something below here is damaged". */
  readonly #above = new Set<string>();

  add(path: readonly PathSegment[]): void {
    this.#damaged.add(join(path));
    for (let length = 0; length < path.length; length++) this.#above.add(join(path.slice(0, length)));
  }

  /** True when the value at `path`, something inside it, or something it is inside failed the schema. */
  touches(path: readonly PathSegment[]): boolean {
    // Most files pass the schema whole: no path to build.
    if (this.#damaged.size === 0) return false;
    if (this.#above.has(join(path))) return true;
    for (let length = 0; length <= path.length; length++) if (this.#damaged.has(join(path.slice(0, length)))) return true;
    return false;
  }

  get empty(): boolean {
    return this.#damaged.size === 0;
  }
}

function join(path: readonly PathSegment[]): string {
  return path.map(String).join('\u0000');
}
