/**
 * JSON text as `JSON.stringify(value, null, 2)` writes it, built a container at a time so that a large
 * document (the plan of 10,000 keys that pin every version is some 30 MB of JSON) can be written in
 * pieces. The text is kept as the parts it is made of (the document's own strings, and constant
 * punctuation) and joined only when a piece is taken: writing a value makes almost no string of its
 * own. Measured on that plan (`plan --json`, peak RSS): stringifying each key with its line breaks
 * re-indented made some ten times the output in short-lived strings, and the young generation
 * promoted about 17 MB of them that no collection took back before the process ended.
 */

/** What needs escaping in a JSON string: `"`, `\`, control characters, and UTF-16 surrogates (a lone one is escaped). */
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;
const INDENT_UNIT = '  ';

export class JsonTextWriter {
  readonly #parts: string[] = [];
  #length = 0;
  /** Each open container's closing bracket, and how many entries or items it has so far (depth = their length). */
  readonly #closes: ('}' | ']')[] = [];
  readonly #counts: number[] = [];
  /** Line breaks with the indentation of each depth, and the same after a comma, made once. */
  readonly #breaks: string[] = [];
  readonly #commaBreaks: string[] = [];
  /** Set by `name`: the next value is that entry's value, already placed. */
  #named = false;

  /** Characters written and not yet taken. */
  get length(): number {
    return this.#length;
  }

  /** The text written since the last `take`. */
  take(): string {
    const text = this.#parts.join('');
    this.#parts.length = 0;
    this.#length = 0;
    return text;
  }

  /** Opens an object as the next value; `end` closes it. */
  beginObject(): void {
    this.#beginValue();
    this.#open('}');
  }

  /** Opens an array as the next value; `end` closes it. */
  beginArray(): void {
    this.#beginValue();
    this.#open(']');
  }

  /** Closes the innermost object or array (`{}` or `[]` when nothing was written in it). */
  end(): void {
    const close = this.#closes.pop();
    const count = this.#counts.pop();
    if (close === undefined) throw new Error('JsonTextWriter: end() with nothing open');
    if (count !== 0) this.#put(this.#break(this.#closes.length));
    this.#put(close);
  }

  /** The name of the next entry of the open object; its value follows (`value`, `beginObject` or `beginArray`). */
  name(name: string): void {
    if (this.#innermost() !== '}' || this.#named) throw new Error('JsonTextWriter: name() outside an object');
    this.#nextSlot();
    this.#string(name);
    this.#put(': ');
    this.#named = true;
  }

  /**
   * A whole value, written as JSON.stringify writes it: `toJSON` is called, entries whose value is
   * undefined (or a function or symbol) are left out of objects and written `null` in arrays, and a
   * number that is not finite is `null`. Returns false, writing nothing, for a value JSON.stringify
   * leaves out (undefined, a function, a symbol) outside an array; the entry's name must then not have
   * been written, so `entry` is the way to write an object's entries.
   */
  value(value: unknown, key = ''): boolean {
    const json = toJsonValue(value, key);
    if (json === undefined || typeof json === 'function' || typeof json === 'symbol') {
      if (this.#insideArray()) {
        this.#beginValue();
        this.#put('null');
        return true;
      }
      if (this.#named) throw new Error('JsonTextWriter: a named entry needs a value');
      return false;
    }
    this.#beginValue();
    if (json === null) this.#put('null');
    else if (typeof json === 'string') this.#string(json);
    else if (typeof json === 'number') this.#put(Number.isFinite(json) ? String(json) : 'null');
    else if (typeof json === 'boolean') this.#put(json ? 'true' : 'false');
    else if (typeof json === 'bigint') throw new TypeError('JsonTextWriter: a BigInt has no JSON form');
    else if (Array.isArray(json)) this.#array(json);
    else this.#object(json as Record<string, unknown>);
    return true;
  }

  /** One entry of the open object, left out as JSON.stringify leaves it out (undefined, a function, a symbol). */
  entry(name: string, value: unknown): void {
    const json = toJsonValue(value, name);
    if (json === undefined || typeof json === 'function' || typeof json === 'symbol') return;
    this.name(name);
    this.value(json, name);
  }

  #array(items: readonly unknown[]): void {
    this.#open(']');
    for (let i = 0; i < items.length; i++) this.value(items[i], String(i));
    this.end();
  }

  #object(object: Record<string, unknown>): void {
    this.#open('}');
    for (const name of Object.keys(object)) this.entry(name, object[name]);
    this.end();
  }

  /** Places the next value: after its entry's name, or as the next item of the open array. */
  #beginValue(): void {
    if (this.#named) {
      this.#named = false;
      return;
    }
    const innermost = this.#innermost();
    if (innermost === undefined) return;
    if (innermost === '}') throw new Error('JsonTextWriter: a value in an object needs its name first');
    this.#nextSlot();
  }

  #open(close: '}' | ']'): void {
    this.#put(close === '}' ? '{' : '[');
    this.#closes.push(close);
    this.#counts.push(0);
  }

  #innermost(): '}' | ']' | undefined {
    return this.#closes[this.#closes.length - 1];
  }

  /** The line break (and comma) before the next entry or item of the innermost container. */
  #nextSlot(): void {
    const depth = this.#closes.length;
    const count = this.#counts[depth - 1] ?? 0;
    this.#put(count === 0 ? this.#break(depth) : this.#commaBreak(depth));
    this.#counts[depth - 1] = count + 1;
  }

  #insideArray(): boolean {
    return !this.#named && this.#innermost() === ']';
  }

  #string(text: string): void {
    if (NEEDS_ESCAPING.test(text)) {
      this.#put(JSON.stringify(text));
      return;
    }
    this.#put('"');
    this.#put(text);
    this.#put('"');
  }

  #break(depth: number): string {
    this.#makeBreaks(depth);
    return this.#breaks[depth] as string;
  }

  #commaBreak(depth: number): string {
    this.#makeBreaks(depth);
    return this.#commaBreaks[depth] as string;
  }

  #makeBreaks(depth: number): void {
    for (let d = this.#breaks.length; d <= depth; d++) {
      this.#breaks.push(`\n${INDENT_UNIT.repeat(d)}`);
      this.#commaBreaks.push(`,\n${INDENT_UNIT.repeat(d)}`);
    }
  }

  #put(text: string): void {
    this.#parts.push(text);
    this.#length += text.length;
  }
}

/** The value after `toJSON`, as JSON.stringify takes it (a boxed primitive unboxed). */
function toJsonValue(value: unknown, key: string): unknown {
  let json = value;
  if (typeof json === 'object' && json !== null && typeof (json as { toJSON?: unknown }).toJSON === 'function') json = (json as { toJSON(key: string): unknown }).toJSON(key);
  if (json instanceof Number || json instanceof String || json instanceof Boolean) json = json.valueOf();
  return json;
}
