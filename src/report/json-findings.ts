import { JSON_KEY_ORDER } from './json-key-order.ts';

// The JSON report's fast path for findings as toFinding builds them (jsonReportParts, json.ts):
// their text, exactly JSON.stringify's, is mostly their rule's, made once per rule and message.

/** A finding's keys as toFinding writes them (`evidence` may follow): JSON_KEY_ORDER's first thirteen. */
const FINDING_KEYS = JSON_KEY_ORDER.finding.slice(0, JSON_KEY_ORDER.finding.indexOf('evidence'));
/** Line breaks and indents of a finding's keys (depth 3) and of the items of its lists (depth 4). */
const FINDING_KEY = `\n${'  '.repeat(3)}`;
const LIST_ITEM = `\n${'  '.repeat(4)}`;

/** What a finding shares with the other findings of its rule and message. */
interface RuleFields {
  readonly ruleId: unknown;
  readonly slug: unknown;
  readonly messageId: unknown;
  readonly aliases: unknown;
  readonly kind: unknown;
  readonly severity: unknown;
  readonly title: unknown;
  readonly compliance: unknown;
  readonly remediation: unknown;
  readonly helpUri: unknown;
}

/** A finding as toFinding builds it, read by name once its keys are known to be those. */
interface FindingFields extends RuleFields {
  readonly message: unknown;
  readonly location: unknown;
  readonly fingerprint: unknown;
  readonly evidence?: unknown;
}

/** The text of a finding's rule fields: the keys before `message`, `compliance`, and the keys after `fingerprint`. */
interface RuleText {
  readonly fields: RuleFields;
  readonly head: string;
  readonly middle: string;
  readonly tail: string;
}

/** By rule id, then message id: a scan's findings come from a few dozen rules and messages. */
const ruleTexts = new Map<unknown, Map<unknown, RuleText>>();

/**
 * JSON.stringify's text of a finding as toFinding builds it, indented as an item of `findings`, or
 * undefined for any other object (the generic path writes it then). Reports are mostly such findings,
 * thousands in a scan, and most of their text comes from their rule: that text is made once per rule
 * and message, and only the message, location, fingerprint and evidence are written for each finding
 * (docs/decisions/0040-lead-findings-written-from-rule-text.md).
 */
export function findingText(item: unknown, recent: RecentTexts): string | undefined {
  if (typeof item !== 'object' || item === null || Object.getPrototypeOf(item) !== Object.prototype) return undefined;
  const keys = Object.keys(item);
  const count = keys.length;
  if (count !== FINDING_KEYS.length && !(count === FINDING_KEYS.length + 1 && keys[count - 1] === 'evidence')) return undefined;
  for (let index = 0; index < FINDING_KEYS.length; index += 1) if (keys[index] !== FINDING_KEYS[index]) return undefined;
  const finding = item as FindingFields;
  const { message, fingerprint, evidence } = finding;
  if (typeof message !== 'string' || typeof fingerprint !== 'string' || (evidence !== undefined && typeof evidence !== 'string')) return undefined;
  const rule = ruleTextOf(finding);
  const location = rule === undefined ? undefined : locationText(finding.location, recent);
  if (rule === undefined || location === undefined) return undefined;
  const end = evidence === undefined ? '\n    }' : `,${FINDING_KEY}"evidence": ${JSON.stringify(evidence)}\n    }`;
  return `${rule.head}${JSON.stringify(message)},${FINDING_KEY}"location": ${location}${rule.middle}${JSON.stringify(fingerprint)}${rule.tail}${end}`;
}

/** The cached text of the finding's rule fields, made when missing or made from other values. */
function ruleTextOf(finding: FindingFields): RuleText | undefined {
  const { ruleId, messageId } = finding;
  let byMessage = ruleTexts.get(ruleId);
  const cached = byMessage?.get(messageId);
  if (cached !== undefined && sameRuleFields(cached.fields, finding)) return cached;
  const made = makeRuleText(finding);
  if (made === undefined) return undefined;
  if (byMessage === undefined) {
    byMessage = new Map();
    ruleTexts.set(ruleId, byMessage);
  }
  byMessage.set(messageId, made);
  return made;
}

function sameRuleFields(cached: RuleFields, finding: RuleFields): boolean {
  return (
    cached.slug === finding.slug &&
    cached.kind === finding.kind &&
    cached.severity === finding.severity &&
    cached.title === finding.title &&
    cached.remediation === finding.remediation &&
    cached.helpUri === finding.helpUri &&
    sameStrings(cached.aliases, finding.aliases) &&
    sameStrings(cached.compliance, finding.compliance)
  );
}

/** Lists with the same items (the cache holds copies: a list changed after its text was made is not the same). */
function sameStrings(cached: unknown, value: unknown): boolean {
  if (!Array.isArray(cached) || !Array.isArray(value)) return cached === value;
  if (cached.length !== value.length) return false;
  for (let index = 0; index < value.length; index += 1) if (cached[index] !== value[index]) return false;
  return true;
}

/** A list of strings as a finding's value (depth 3), as JSON.stringify writes it; undefined for anything else. */
function stringsText(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  if (value.length === 0) return '[]';
  let text = '[';
  for (let index = 0; index < value.length; index += 1) {
    const item: unknown = value[index];
    if (typeof item !== 'string') return undefined;
    text += `${index === 0 ? '' : ','}${LIST_ITEM}${JSON.stringify(item)}`;
  }
  return `${text}${FINDING_KEY}]`;
}

/** The text of the rule fields when each is a string or a list of strings (undefined ones are left out, as JSON.stringify leaves them). */
function makeRuleText(finding: FindingFields): RuleText | undefined {
  if (typeof finding.ruleId !== 'string') return undefined;
  const { ruleId, slug, messageId, aliases, kind, severity, title, compliance, remediation, helpUri } = finding;
  const copy = (value: unknown): unknown => (Array.isArray(value) ? [...(value as unknown[])] : value);
  const fields: RuleFields = { ruleId, slug, messageId, aliases: copy(aliases), kind, severity, title, compliance: copy(compliance), remediation, helpUri };
  const text = (keys: readonly (keyof RuleFields)[]): string | undefined => {
    const out: string[] = [];
    for (const key of keys) {
      const value = fields[key];
      if (value === undefined) continue;
      const written = typeof value === 'string' ? JSON.stringify(value) : stringsText(value);
      if (written === undefined) return undefined;
      out.push(`,${FINDING_KEY}${JSON.stringify(key)}: ${written}`);
    }
    return out.join('');
  };
  const head = text(['ruleId', 'slug', 'messageId', 'aliases', 'kind', 'severity', 'title']);
  const middle = text(['compliance']);
  const tail = text(['remediation', 'helpUri']);
  if (head === undefined || middle === undefined || tail === undefined) return undefined;
  return { fields, head: `{${head.slice(1)},${FINDING_KEY}"message": `, middle: `${middle},${FINDING_KEY}"fingerprint": `, tail };
}

/**
 * JSON.stringify's text of a location at depth 3, or undefined when it is not one as the areas make
 * them: a plain object with the keys of JSON_KEY_ORDER.location in order, strings and finite numbers,
 * and an `object` of strings in JSON_KEY_ORDER.kubernetesObject's order.
 */
function locationText(location: unknown, recent: RecentTexts): string | undefined {
  if (!isPlainObject(location)) return undefined;
  const keys = Object.keys(location);
  const range = rangeText(location, keys, recent);
  if (range === undefined) return fieldsText(location, keys, 0, '', JSON_KEY_ORDER.location, 3, locationField, recent);
  return fieldsText(location, keys, RANGE_KEYS.length, range, JSON_KEY_ORDER.location, 3, locationField, recent);
}

/** Line breaks and indents by depth, for the objects below a finding. */
const BREAKS: readonly string[] = Array.from({ length: 6 }, (_, depth) => `\n${'  '.repeat(depth)}`);

/** The first keys of a location in a file: the range most findings point at. */
const RANGE_KEYS = JSON_KEY_ORDER.location.slice(0, 5);
const [PATH_KEY, START_LINE_KEY, START_COLUMN_KEY, END_LINE_KEY, END_COLUMN_KEY] = RANGE_KEYS.map((key) => `${BREAKS[4] ?? ''}${JSON.stringify(key)}: `);

/**
 * The text of a location's path and range when its first keys are those five, the path a string and
 * the four numbers finite: one template instead of a key and a value at a time (a scan writes
 * thousands: 1% fewer instructions for the Dockerfile corpus and the Kubernetes bench, decision
 * 0042-lead-less-work-per-run-and-per-location). Undefined for any other location.
 */
function rangeText(location: object, keys: readonly string[], recent: RecentTexts): string | undefined {
  if (keys.length < RANGE_KEYS.length) return undefined;
  for (let index = 0; index < RANGE_KEYS.length; index += 1) if (keys[index] !== RANGE_KEYS[index]) return undefined;
  const { path, startLine, startColumn, endLine, endColumn } = location as Readonly<Record<string, unknown>>;
  if (typeof path !== 'string' || !isFiniteNumber(startLine) || !isFiniteNumber(startColumn) || !isFiniteNumber(endLine) || !isFiniteNumber(endColumn)) return undefined;
  return `{${PATH_KEY}${recent.pathText(path)},${START_LINE_KEY}${startLine},${START_COLUMN_KEY}${startColumn},${END_LINE_KEY}${endLine},${END_COLUMN_KEY}${endColumn}`;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isPlainObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function locationField(key: string, value: unknown, recent: RecentTexts): string | undefined {
  if (typeof value === 'string') return key === 'path' ? recent.pathText(value) : JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  return key === 'object' ? recent.objectText(value) : undefined;
}

/** A location's Kubernetes object reference at depth 4 (strings only, keys in order), or undefined. */
function objectText(value: unknown, recent: RecentTexts): string | undefined {
  if (!isPlainObject(value)) return undefined;
  return fieldsText(value, Object.keys(value), 0, '', JSON_KEY_ORDER.kubernetesObject, 4, objectField, recent);
}

function objectField(_key: string, value: unknown): string | undefined {
  return typeof value === 'string' ? JSON.stringify(value) : undefined;
}

type FieldWriter = (key: string, item: unknown, recent: RecentTexts) => string | undefined;

/**
 * The text of a plain object at `depth` whose keys are among `order`, in that order, each value
 * written by `write` (undefined ones left out, as JSON.stringify leaves them); undefined when a key is
 * out of order or unknown, or when `write` cannot write a value. The keys before `from` are written
 * already (`text`, without its closing brace), and are `order`'s first ones.
 */
function fieldsText(value: object, keys: readonly string[], from: number, text: string, order: readonly string[], depth: number, write: FieldWriter, recent: RecentTexts): string | undefined {
  const inner = BREAKS[depth + 1] ?? '';
  let written = text;
  let listed = from;
  for (let index = from; index < keys.length; index += 1) {
    const key = keys[index] ?? '';
    while (listed < order.length && order[listed] !== key) listed += 1;
    if (listed === order.length) return undefined;
    listed += 1;
    const item: unknown = Reflect.get(value, key);
    if (item === undefined) continue;
    const field = write(key, item, recent);
    if (field === undefined) return undefined;
    written += `${written === '' ? '{' : ','}${inner}${JSON.stringify(key)}: ${field}`;
  }
  return written === '' ? '{}' : `${written}${BREAKS[depth] ?? ''}}`;
}

/**
 * The text of the last path and of the last Kubernetes object written in one report: a file's findings
 * come one after another, and the findings of one object share one object reference. Kept for one
 * report only, so that an object changed between two reports is written anew.
 */
export class RecentTexts {
  private path: string | undefined;
  private pathJson = '';
  private object: unknown;
  private objectJson: string | undefined;

  pathText(path: string): string {
    if (path !== this.path) {
      this.path = path;
      this.pathJson = JSON.stringify(path);
    }
    return this.pathJson;
  }

  objectText(object: unknown): string | undefined {
    if (object !== this.object || this.object === undefined) {
      this.object = object;
      this.objectJson = objectText(object, this);
    }
    return this.objectJson;
  }
}
