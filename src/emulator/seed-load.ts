/**
 * Reads a seed YAML file and checks its structure against schemas/seed.schema.json. Problems name the
 * file and, where the YAML has one, the line and column of the offending node.
 */
import { Ajv, type ErrorObject } from 'ajv';
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { readRegularFile } from './read-regular-file.js';
import { loadSchema } from '../schemas.js';
import type { SeedDocument } from './seed-types.js';

export interface SeedProblem {
  message: string;
  line?: number | undefined;
  col?: number | undefined;
}

/** A seed that cannot be used, with every problem found, each `file:line:col: message`. */
export class SeedError extends Error {
  override readonly name = 'SeedError';
  constructor(
    readonly file: string,
    readonly problems: SeedProblem[],
  ) {
    super(`Invalid emulator seed ${file}:\n${problems.map((p) => `  ${formatProblem(file, p)}`).join('\n')}`);
  }
}

export function formatProblem(file: string, problem: SeedProblem): string {
  const where = problem.line === undefined ? file : `${file}:${problem.line}:${problem.col ?? 1}`;
  return `${where}: ${problem.message}`;
}

/** Where a path points in the YAML document, for semantic checks after the schema. */
export type Locate = (path: readonly (string | number)[], unknownField?: boolean) => { line?: number; col?: number };

export interface LoadedSeed {
  file: string;
  seed: SeedDocument;
  locate: Locate;
}

let validatorPromise: Promise<ReturnType<Ajv['compile']>> | undefined;

function validator(): Promise<ReturnType<Ajv['compile']>> {
  validatorPromise ??= loadSchema('seed.schema.json').then((schema) => new Ajv({ allErrors: true, strict: false }).compile(schema));
  return validatorPromise;
}

/** Reads and structurally validates a seed file. */
export async function loadSeedFile(file: string): Promise<LoadedSeed> {
  // Only a regular file is read: a named pipe would hold the start (and Ctrl-C) until someone wrote to it.
  const read = readRegularFile(file);
  if (read.status === 'missing') throw new SeedError(file, [{ message: 'cannot read the file: it does not exist' }]);
  if (read.status === 'refused') throw new SeedError(file, [{ message: `cannot read the file: it ${read.problem}` }]);
  const text = read.text;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new SeedError(file, doc.errors.map((e) => ({ message: e.message.split('\n')[0] ?? e.message, ...linePos(lineCounter, e.pos[0]) })));
  }
  const locate: Locate = (path, unknownField = false) => linePos(lineCounter, nodeAt(doc, path, unknownField)?.range?.[0]);
  const seed = (doc.toJS() ?? {}) as unknown;
  await checkStructure(file, seed, locate);
  return { file, seed: seed as SeedDocument, locate };
}

/** Validates an already-parsed seed object (no positions). */
export async function checkSeedObject(label: string, seed: unknown): Promise<LoadedSeed> {
  const locate: Locate = () => ({});
  await checkStructure(label, seed, locate);
  return { file: label, seed: seed as SeedDocument, locate };
}

async function checkStructure(file: string, seed: unknown, locate: Locate): Promise<void> {
  const validate = await validator();
  if (validate(seed)) return;
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
  throw new SeedError(file, errors.map((error) => ({ message: describe(error), ...locate(errorPath(error), error.keyword === 'additionalProperties') })));
}

function describe(error: ErrorObject): string {
  const at = error.instancePath === '' ? 'the seed' : formatPath(instanceSteps(error));
  if (error.keyword === 'additionalProperties') return `${at} has an unknown field "${String(error.params['additionalProperty'])}"`;
  if (error.keyword === 'enum') return `${at} must be one of ${(error.params['allowedValues'] as unknown[]).join(', ')}`;
  if (error.keyword === 'pattern' && /[dD]ate$/.test(at)) return `${at} must be an ISO 8601 time with a zone, "now", or an offset such as -8d`;
  return `${at} ${error.message ?? 'is invalid'}`;
}

/** `keys[0].versions[1].creationDate`: a path as messages show it. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`)).join('');
}

/** The steps of an error's instance path: `/keys/0/spec` is `['keys', 0, 'spec']`. */
function instanceSteps(error: ErrorObject): (string | number)[] {
  return error.instancePath
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part.replace(/~1/g, '/').replace(/~0/g, '~')));
}

/** The YAML path of an error: the unknown field itself for additionalProperties, else the instance. */
function errorPath(error: ErrorObject): (string | number)[] {
  const path = instanceSteps(error);
  if (error.keyword === 'additionalProperties') path.push(String(error.params['additionalProperty']));
  return path;
}

/**
 * The node a path points at, for messages: the value of a scalar field, but the key of a field whose
 * value is a list or map (its first item is further down) or that should not be there at all. A path
 * that stops existing points at the deepest node that exists.
 */
function nodeAt(doc: Document, path: readonly (string | number)[], unknownField: boolean): Node | undefined {
  let node: unknown = doc.contents;
  for (const [index, step] of path.entries()) {
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === step);
      if (!pair) return node;
      const pointAtKey = last && (unknownField || isMap(pair.value) || isSeq(pair.value) || !pair.value);
      node = pointAtKey ? pair.key : pair.value;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step];
      if (!item) return node;
      node = item;
    } else {
      break;
    }
  }
  return node as Node | undefined;
}

function linePos(lineCounter: LineCounter, offset: number | undefined): { line?: number; col?: number } {
  if (offset === undefined) return {};
  const { line, col } = lineCounter.linePos(offset);
  return { line, col };
}
