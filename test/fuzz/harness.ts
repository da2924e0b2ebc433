// Issue 14: property-based fuzzing of every parser. A target names one parser, gives valid samples,
// and checks one input: the parser returns a typed result, or throws a PalisadeError with an expected
// code, and nothing else. Inputs are the samples mutated (byte flips, truncation, duplication,
// inserted tokens, deep nesting, replaced subtrees) and arbitrary text or bytes.
import fc from 'fast-check';
import { ERROR_CODES, isPalisadeError } from '../../src/core/errors.ts';
import { decodeText } from '../../src/core/fs.ts';
import type { ScanError } from '../../src/core/finding.ts';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';

/** How the input is handed to the parser, and which nesting mutation fits it. */
export type InputSyntax = 'json' | 'yaml' | 'xml' | 'text' | 'bytes';

export interface FuzzTarget {
  /** Unique in its area; regression fixtures are named `<name>--<what>.<ext>`. */
  readonly name: string;
  readonly syntax: InputSyntax;
  /** Valid inputs, mutated by the generators. */
  readonly samples: readonly (string | Uint8Array)[];
  /** Checks one input; throws (an AssertionError or the parser's unexpected error) when a property fails. */
  check(input: Buffer): void | Promise<void>;
  /** An extra generator of valid-shaped inputs for this parser. */
  readonly generator?: fc.Arbitrary<Buffer>;
  /**
   * Known crashes in code owned elsewhere, each with its `todo` regression fixture: a failure whose
   * message matches is counted (and reported) instead of failing the run, so that other crashes
   * still stand out.
   */
  readonly known?: readonly KnownIssue[];
  /** Share of the run count this target gets (default 1): below 1 for parsers that are slow by design (scrypt). */
  readonly weight?: number;
}

export interface KnownIssue {
  readonly pattern: RegExp;
  /** The fixture under test/fuzz/regressions/ that reproduces it. */
  readonly regression: string;
}

/** A property that does not hold (as opposed to an exception escaping the parser, which is a crash). */
export class PropertyViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PropertyViolation';
  }
}

/** Runs `parse`: it may return, or throw a PalisadeError whose code is in `codes`; anything else is rethrown as a violation. */
export function onlyCodedErrors<T>(parse: () => T, codes: readonly string[]): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (isPalisadeError(error) && codes.includes(error.code)) {
      if (error.message === '') throw new PropertyViolation(`PalisadeError ${error.code} without a message`);
      return undefined;
    }
    throw new PropertyViolation(`uncaught ${describeError(error)}`);
  }
}

/** The async variant of `onlyCodedErrors`. */
export async function onlyCodedErrorsAsync<T>(parse: () => Promise<T>, codes: readonly string[]): Promise<T | undefined> {
  try {
    return await parse();
  } catch (error) {
    if (isPalisadeError(error) && codes.includes(error.code)) return undefined;
    throw new PropertyViolation(`uncaught ${describeError(error)}`);
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}\n${(error.stack ?? '').split('\n').slice(1, 6).join('\n')}`;
  return `non-error thrown: ${String(error)}`;
}

/** Every ScanError names the file, has a known code and a message, and a position inside the text when it has one. */
export function checkScanErrors(errors: readonly ScanError[], path: string, text?: string): void {
  const lines = text === undefined ? Number.POSITIVE_INFINITY : text.split(/\r\n|\r|\n/).length + 1;
  for (const error of errors) {
    if (!error.path.startsWith(path)) throw new PropertyViolation(`error names ${JSON.stringify(error.path)}, not ${path}`);
    if (!(ERROR_CODES as readonly string[]).includes(error.code)) throw new PropertyViolation(`unknown code ${error.code}`);
    if (typeof error.message !== 'string' || error.message === '') throw new PropertyViolation(`error ${error.code} without a message`);
    const line = error.startLine;
    if (line !== undefined && (!Number.isInteger(line) || line < 1 || line > lines)) throw new PropertyViolation(`error line ${line} outside the text (${lines} lines): ${error.message}`);
    const column = error.startColumn;
    if (column !== undefined && (!Number.isInteger(column) || column < 1)) throw new PropertyViolation(`error column ${column} is not a positive integer`);
  }
}

export function violation(condition: boolean, message: string): void {
  if (!condition) throw new PropertyViolation(message);
}

const TOKENS = [
  '{', '}', '[', ']', '"', "'", ':', ',', '\n', '\r\n', '\r', '\t', ' ', '\0', '\\', '- ', '---\n', '...\n', '&a ', '*a', '<<: *a', '!!binary ',
  '!!str ', '%YAML 1.2\n', '#', '<', '>', '</', '<!--', ']]>', '<![CDATA[', '&amp;', '&#0;', '&#x110000;', '\ufffd', '\ud800', '\u202e', '\ufeff', '-1',
  '0', '1e999', '-0', '9007199254740993', 'NaN', 'null', 'true', '~', '__proto__', 'constructor', 'toString', '${', '$(', '`', '=', '@', '/', '../',
  '/../../etc/passwd', 'sha256:', '\\u0000', '\\ud800', '%', '%00', '*', '?', '|', '>-', '=', '==', '<=', '>=', '!', '&&', '||', '(', ')', '..', '.',
];

type Mutation =
  | { readonly kind: 'flip'; readonly at: number; readonly mask: number }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'duplicate'; readonly from: number; readonly length: number; readonly to: number }
  | { readonly kind: 'insert'; readonly at: number; readonly token: string }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'nest'; readonly depth: number; readonly style: number };

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), from: fc.nat(), length: fc.integer({ min: 1, max: 4096 }), to: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), token: fc.constantFrom(...TOKENS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('nest' as const), depth: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 200, max: 20_000 })), style: fc.nat({ max: 3 }) }) },
);

function nest(input: Buffer, syntax: InputSyntax, depth: number, style: number): Buffer {
  const text = input.toString('latin1');
  if (syntax === 'xml') return Buffer.from(`${'<a>'.repeat(depth)}${text}${'</a>'.repeat(depth)}`, 'latin1');
  if (syntax === 'yaml' && style === 0) return Buffer.from(`${'- '.repeat(depth)}${text}`, 'latin1');
  // Indented nesting stays under 800 levels: past about 900 the `yaml` library takes seconds to minutes
  // to fail (open for the loaders owned elsewhere; see test/fuzz/regressions/README.md).
  if (syntax === 'yaml' && style === 1) return Buffer.from(`${Array.from({ length: Math.min(depth, 800) }, (_, level) => `${' '.repeat(level)}k:\n`).join('')}${text}`, 'latin1');
  if (style === 2) return Buffer.from(`${'{"a":'.repeat(depth)}${text}${'}'.repeat(depth)}`, 'latin1');
  return Buffer.from(`${'['.repeat(depth)}${text}${']'.repeat(depth)}`, 'latin1');
}

export function applyMutation(input: Buffer, mutation: Mutation, syntax: InputSyntax): Buffer {
  const size = input.length;
  switch (mutation.kind) {
    case 'flip': {
      if (size === 0) return input;
      const copy = Buffer.from(input);
      const at = mutation.at % size;
      copy[at] = (copy[at] ?? 0) ^ mutation.mask;
      return copy;
    }
    case 'truncate':
      return input.subarray(0, mutation.at % (size + 1));
    case 'duplicate': {
      const from = mutation.from % (size + 1);
      const slice = input.subarray(from, from + mutation.length);
      const to = mutation.to % (size + 1);
      return Buffer.concat([input.subarray(0, to), slice, input.subarray(to)]);
    }
    case 'insert': {
      const at = mutation.at % (size + 1);
      return Buffer.concat([input.subarray(0, at), Buffer.from(mutation.token, 'utf8'), input.subarray(at)]);
    }
    case 'delete': {
      const at = mutation.at % (size + 1);
      return Buffer.concat([input.subarray(0, at), input.subarray(at + mutation.length)]);
    }
    case 'nest':
      return nest(input, syntax, mutation.depth, mutation.style);
  }
}

const leafArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.constantFrom('', '../..', '/etc/passwd', 'sha256:', 'a'.repeat(300), '\u0000', '\ud800', '-1', '1.0.0', '*', '>=1 <2', 'pkg:npm/x@1', '__proto__'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxKeys: 3 }),
);

type Edit = { readonly pick: number; readonly action: 'replace' | 'delete' | 'duplicate'; readonly value: unknown };

/** Replaces, deletes or duplicates the `pick`-th node (pre-order) of a parsed tree. */
function editTree(root: unknown, edit: Edit): unknown {
  let counter = 0;
  const target = edit.pick;
  const visit = (value: unknown): unknown => {
    const index = counter;
    counter += 1;
    if (index === target && index > 0) return edit.action === 'replace' ? edit.value : edit.action === 'duplicate' && Array.isArray(value) ? [...value, ...value] : undefined;
    if (Array.isArray(value)) return value.map(visit).filter((item) => item !== undefined);
    if (typeof value === 'object' && value !== null) {
      const copy: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(value)) {
        const next = visit(child);
        if (next !== undefined) copy[key] = next;
      }
      return copy;
    }
    return value;
  };
  return visit(root);
}

function parseTree(text: string, syntax: InputSyntax): unknown {
  try {
    return syntax === 'json' ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

function structuredArbitrary(samples: readonly Buffer[], syntax: 'json' | 'yaml'): fc.Arbitrary<Buffer> | undefined {
  const trees = samples.map((sample) => parseTree(sample.toString('utf8'), syntax)).filter((tree) => tree !== undefined);
  if (trees.length === 0) return undefined;
  const edit = fc.record({ pick: fc.nat({ max: 400 }), action: fc.constantFrom('replace' as const, 'replace' as const, 'delete' as const, 'duplicate' as const), value: leafArbitrary });
  return fc.tuple(fc.constantFrom(...trees), fc.array(edit, { minLength: 1, maxLength: 4 }), fc.boolean()).map(([tree, edits, pretty]) => {
    const edited = edits.reduce<unknown>((current, next) => editTree(current, next), tree);
    const text = syntax === 'json' ? JSON.stringify(edited, null, pretty ? 2 : undefined) : stringifyYaml(edited);
    return Buffer.from(text ?? 'null', 'utf8');
  });
}

/** Valid samples mutated by 1 to 4 mutations, structured edits of JSON/YAML samples, and arbitrary inputs. */
export function inputArbitrary(target: FuzzTarget): fc.Arbitrary<Buffer> {
  const samples = target.samples.map((sample) => (typeof sample === 'string' ? Buffer.from(sample, 'utf8') : Buffer.from(sample)));
  const choices: { weight: number; arbitrary: fc.Arbitrary<Buffer> }[] = [];
  if (samples.length > 0) {
    choices.push({ weight: 1, arbitrary: fc.constantFrom(...samples) });
    choices.push({
      weight: 8,
      arbitrary: fc
        .tuple(fc.constantFrom(...samples), fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 }))
        .map(([sample, mutations]) => mutations.reduce<Buffer>((current, mutation) => applyMutation(current, mutation, target.syntax), sample)),
    });
  }
  if (target.syntax === 'json' || target.syntax === 'yaml') {
    const structured = structuredArbitrary(samples, target.syntax);
    if (structured !== undefined) choices.push({ weight: 4, arbitrary: structured });
  }
  if (target.generator !== undefined) choices.push({ weight: 4, arbitrary: target.generator });
  const arbitraryText = target.syntax === 'json' ? fc.oneof(fc.json(), fc.string()) : fc.oneof(fc.string(), fc.string({ unit: 'binary' }));
  choices.push({ weight: 1, arbitrary: arbitraryText.map((text) => Buffer.from(text, 'utf8')) });
  choices.push({ weight: 1, arbitrary: fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes)) });
  return fc.oneof(...choices);
}

/** Decodes input as the file readers do (UTF-8, invalid sequences become U+FFFD). */
export function utf8(input: Buffer): string {
  return decodeText(input);
}
