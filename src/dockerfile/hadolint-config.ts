import type { Node, Pair } from 'yaml';
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { MAX_YAML_INDENT, deepIndentationLine } from '../core/yaml-guard.ts';
import type { Severity, Threshold } from '../core/index.ts';
import { HADOLINT_RULES } from './hadolint-rules.ts';
import { LABEL_TYPES } from './label-schema.ts';

/**
 * A `.hadolint.yaml` / `.hadolint.yml`, mapped onto Palisade's settings. Selectors are hadolint
 * aliases (`hadolint:DL3008`), so they keep working whichever Palisade rule implements the DL rule.
 * Severities: error → high, warning → medium, info → low, style → info (docs/decisions/0018-b-hadolint-migration.md).
 */
export interface HadolintSettings {
  readonly skipRules: readonly string[];
  readonly ruleOptions: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly severityOverrides: Readonly<Record<string, Severity>>;
  readonly failOn?: Threshold;
  readonly problems: readonly HadolintConfigProblem[];
}

/** A setting that could not be used, with its 1-based position in the file. */
export interface HadolintConfigProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export const HADOLINT_SEVERITY_MAP: Readonly<Record<'error' | 'warning' | 'info' | 'style', Severity>> = Object.freeze({ error: 'high', warning: 'medium', info: 'low', style: 'info' });

const THRESHOLDS: Readonly<Record<string, Threshold>> = Object.freeze({ ...HADOLINT_SEVERITY_MAP, ignore: 'info', none: 'none' });
const LABEL_TYPE_NAMES: ReadonlySet<string> = new Set(LABEL_TYPES);
const KNOWN_IDS = new Set(HADOLINT_RULES.map((rule) => rule.id));
/** The label schema rule's selector (one rule covers DL3049-DL3058). */
const LABEL_SCHEMA_SELECTOR = 'hadolint:DL3049';
const REGISTRY_SELECTOR = 'hadolint:DL3026';
/** Settings that change only hadolint's own output, not what is checked. */
const OUTPUT_ONLY = new Set(['format', 'no-color', 'verbose', 'disable-ignore-pragma', 'shell']);

interface Builder {
  readonly skipRules: string[];
  readonly ruleOptions: Record<string, Record<string, unknown>>;
  readonly severityOverrides: Record<string, Severity>;
  failOn?: Threshold;
  noFail: boolean;
  readonly problems: HadolintConfigProblem[];
  readonly at: (node: Node | null | undefined) => { line: number; column: number };
}

/** Parses the text of a hadolint configuration file; never throws, bad settings become `problems`. */
export function parseHadolintConfig(text: string): HadolintSettings {
  const lineCounter = new LineCounter();
  const unreadable = (line: number, message: string): HadolintSettings => ({ skipRules: [], ruleOptions: {}, severityOverrides: {}, problems: [{ line, column: 1, message }] });
  const deep = deepIndentationLine(text);
  if (deep !== undefined) return unreadable(deep, `indented more than ${MAX_YAML_INDENT} levels; the file was not read`);
  let document: ReturnType<typeof parseDocument>;
  try {
    document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  } catch (error) {
    // The yaml parser recurses once per nesting level: a hostile file can exhaust the stack.
    if (!(error instanceof RangeError)) throw error;
    return unreadable(1, `the YAML nests too deeply to be read (${error.message})`);
  }
  const at = (node: Node | null | undefined): { line: number; column: number } => {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const builder: Builder = { skipRules: [], ruleOptions: {}, severityOverrides: {}, noFail: false, problems: [], at };
  for (const error of document.errors) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    builder.problems.push({ line, column: col, message: `invalid YAML: ${error.message.split('\n')[0] ?? ''}` });
  }
  const root = document.contents;
  if (document.errors.length === 0 && root !== null && !isMap(root)) builder.problems.push({ ...at(root), message: 'the configuration must be a mapping' });
  if (isMap(root)) for (const pair of root.items) readSetting(builder, pair);
  return {
    skipRules: builder.skipRules,
    ruleOptions: builder.ruleOptions,
    severityOverrides: builder.severityOverrides,
    ...(builder.noFail ? { failOn: 'none' as const } : builder.failOn === undefined ? {} : { failOn: builder.failOn }),
    problems: builder.problems,
  };
}

function readSetting(builder: Builder, pair: Pair): void {
  const keyNode = isScalar(pair.key) ? pair.key : undefined;
  const key = typeof keyNode?.value === 'string' ? keyNode.value : '';
  const value = isNodeValue(pair.value) ? pair.value : undefined;
  switch (key) {
    case 'ignored':
      for (const id of ruleIds(builder, value, key)) if (!builder.skipRules.includes(`hadolint:${id}`)) builder.skipRules.push(`hadolint:${id}`);
      return;
    case 'override':
      readOverride(builder, value);
      return;
    case 'trustedRegistries':
      setOption(builder, REGISTRY_SELECTOR, 'allowedRegistries', strings(builder, value, key));
      return;
    case 'label-schema':
      readLabelSchema(builder, value);
      return;
    case 'strict-labels':
      if (typeof scalar(value) === 'boolean') setOption(builder, LABEL_SCHEMA_SELECTOR, 'strictLabels', scalar(value));
      else builder.problems.push({ ...builder.at(value), message: 'strict-labels must be true or false' });
      return;
    case 'failure-threshold':
      readThreshold(builder, value);
      return;
    case 'no-fail':
      if (typeof scalar(value) === 'boolean') builder.noFail = scalar(value) === true;
      else builder.problems.push({ ...builder.at(value), message: 'no-fail must be true or false' });
      return;
    default:
      if (!OUTPUT_ONLY.has(key)) builder.problems.push({ ...builder.at(keyNode), message: `unknown hadolint setting "${key}"` });
  }
}

function isNodeValue(value: unknown): value is Node {
  return isScalar(value) || isMap(value) || isSeq(value);
}

function scalar(node: Node | undefined): unknown {
  return isScalar(node) ? node.value : undefined;
}

/** The string items of a list setting; anything else is a problem. */
function strings(builder: Builder, node: Node | undefined, setting: string): string[] {
  if (!isSeq(node)) {
    builder.problems.push({ ...builder.at(node), message: `${setting} must be a list` });
    return [];
  }
  return node.items.flatMap((item) => {
    const value = isScalar(item) ? item.value : undefined;
    if (typeof value === 'string' && value !== '') return [value];
    builder.problems.push({ ...builder.at(isNodeValue(item) ? item : undefined), message: `${setting} items must be non-empty strings` });
    return [];
  });
}

/** DL ids of a list; ShellCheck ids and unknown ids are reported and left out. */
function ruleIds(builder: Builder, node: Node | undefined, setting: string): string[] {
  const ids: string[] = [];
  const items = isSeq(node) ? node.items : [];
  for (const [index, id] of strings(builder, node, setting).entries()) {
    const item = items[index];
    const where = builder.at(isNodeValue(item) ? item : undefined);
    if (/^SC\d+$/.test(id)) builder.problems.push({ ...where, message: `${id} is a ShellCheck rule, which Palisade does not run; the setting is ignored` });
    else if (!KNOWN_IDS.has(id)) builder.problems.push({ ...where, message: `${setting}: unknown hadolint rule "${id}"` });
    else ids.push(id);
  }
  return ids;
}

function readOverride(builder: Builder, node: Node | undefined): void {
  if (!isMap(node)) {
    builder.problems.push({ ...builder.at(node), message: 'override must be a mapping of error, warning, info and style to lists of rules' });
    return;
  }
  for (const pair of node.items) {
    const level = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = isNodeValue(pair.value) ? pair.value : undefined;
    const severity = level === 'error' || level === 'warning' || level === 'info' || level === 'style' ? HADOLINT_SEVERITY_MAP[level] : undefined;
    if (severity === undefined) {
      builder.problems.push({ ...builder.at(isNodeValue(pair.key) ? pair.key : undefined), message: `override: unknown level "${level}" (error, warning, info or style)` });
      continue;
    }
    for (const id of ruleIds(builder, value, `override.${level}`)) builder.severityOverrides[`hadolint:${id}`] = severity;
  }
}

function readLabelSchema(builder: Builder, node: Node | undefined): void {
  if (!isMap(node)) {
    builder.problems.push({ ...builder.at(node), message: 'label-schema must be a mapping of label names to types' });
    return;
  }
  const schema: Record<string, string> = {};
  for (const pair of node.items) {
    const label = isScalar(pair.key) ? String(pair.key.value) : '';
    const type = isScalar(pair.value) ? String(pair.value.value) : '';
    if (LABEL_TYPE_NAMES.has(type)) schema[label] = type;
    else builder.problems.push({ ...builder.at(isNodeValue(pair.value) ? pair.value : undefined), message: `label-schema: "${label}" has unknown type "${type}" (${LABEL_TYPES.join(', ')})` });
  }
  setOption(builder, LABEL_SCHEMA_SELECTOR, 'labelSchema', schema);
}

function readThreshold(builder: Builder, node: Node | undefined): void {
  const value = scalar(node);
  const threshold = typeof value === 'string' ? THRESHOLDS[value] : undefined;
  if (threshold === undefined) builder.problems.push({ ...builder.at(node), message: 'failure-threshold must be one of error, warning, info, style, ignore, none' });
  else builder.failOn = threshold;
}

function setOption(builder: Builder, selector: string, option: string, value: unknown): void {
  builder.ruleOptions[selector] = { ...builder.ruleOptions[selector], [option]: value };
}
