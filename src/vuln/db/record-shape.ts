// Checks that a parsed JSON value has the shape of an OSV record (the fields src/vuln/osv.ts types).
// The first problem found is returned with where it is (`affected[0].ranges[1].events[2]`).
import type { OsvRecord } from '../osv.ts';
import { canonicalTimestamp } from './timestamp.ts';

export interface ShapeProblem {
  /** Where in the record, as `affected[0].ranges[1]`; '' for the record itself. */
  readonly at: string;
  readonly message: string;
}

type Check = (value: unknown, at: string) => ShapeProblem | undefined;

const RANGE_TYPES: ReadonlySet<unknown> = new Set(['SEMVER', 'ECOSYSTEM', 'GIT']);
const EVENT_KEYS = ['introduced', 'fixed', 'last_affected', 'limit'] as const;

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(at: string, key: string | number): string {
  if (typeof key === 'number') return `${at}[${key}]`;
  return at === '' ? key : `${at}.${key}`;
}

function problem(at: string, message: string): ShapeProblem {
  return { at, message };
}

const isString: Check = (value, at) => (typeof value === 'string' ? undefined : problem(at, 'must be a string'));
const isNonEmptyString: Check = (value, at) => (typeof value === 'string' && value !== '' ? undefined : problem(at, 'must be a non-empty string'));
const isObjectValue: Check = (value, at) => (isObject(value) ? undefined : problem(at, 'must be an object'));
const isTimestamp: Check = (value, at) =>
  typeof value === 'string' && canonicalTimestamp(value) !== undefined ? undefined : problem(at, `must be an RFC 3339 timestamp (got ${JSON.stringify(value)})`);

function arrayOf(check: Check): Check {
  return (value, at) => {
    if (!Array.isArray(value)) return problem(at, 'must be an array');
    for (let index = 0; index < value.length; index += 1) {
      const found = check(value[index], join(at, index));
      if (found !== undefined) return found;
    }
    return undefined;
  };
}

/** Checks the listed fields of an object: required ones must be present, optional ones only when given. */
function fields(required: Readonly<Record<string, Check>>, optional: Readonly<Record<string, Check>>): Check {
  return (value, at) => {
    if (!isObject(value)) return problem(at, 'must be an object');
    for (const [key, check] of Object.entries(required)) {
      if (value[key] === undefined) return problem(join(at, key), 'is missing');
      const found = check(value[key], join(at, key));
      if (found !== undefined) return found;
    }
    for (const [key, check] of Object.entries(optional)) {
      if (value[key] === undefined) continue;
      const found = check(value[key], join(at, key));
      if (found !== undefined) return found;
    }
    return undefined;
  };
}

const checkEvent: Check = (value, at) => {
  if (!isObject(value)) return problem(at, 'must be an object');
  const present = EVENT_KEYS.filter((key) => value[key] !== undefined);
  if (present.length !== 1) {
    const found = present.length === 0 ? 'none' : present.map((key) => `"${key}"`).join(' and ');
    return problem(at, `must hold exactly one of introduced, fixed, last_affected, limit (has ${found})`);
  }
  const [key = 'introduced'] = present;
  return isString(value[key], join(at, key));
};

const checkRange: Check = (value, at) => {
  const shape = fields({ type: isString, events: arrayOf(checkEvent) }, { repo: isString, database_specific: isObjectValue })(value, at);
  if (shape !== undefined || !isObject(value)) return shape;
  if (!RANGE_TYPES.has(value['type'])) return problem(join(at, 'type'), `must be SEMVER, ECOSYSTEM or GIT (got ${JSON.stringify(value['type'])})`);
  if (value['type'] === 'GIT' && value['repo'] === undefined) return problem(join(at, 'repo'), 'is missing (a GIT range names its repository)');
  const events: unknown = value['events'];
  if (!Array.isArray(events) || events.length === 0) return problem(join(at, 'events'), 'must not be empty');
  if (!events.some((event) => isObject(event) && event['introduced'] !== undefined)) return problem(join(at, 'events'), 'has no "introduced" event');
  return undefined;
};

const checkSeverity = fields({ type: isString, score: isString }, {});
const checkPackage = fields({ ecosystem: isNonEmptyString, name: isNonEmptyString }, { purl: isString });

const checkAffected = fields(
  {},
  {
    package: checkPackage,
    severity: arrayOf(checkSeverity),
    ranges: arrayOf(checkRange),
    versions: arrayOf(isString),
    ecosystem_specific: isObjectValue,
    database_specific: isObjectValue,
  },
);

const checkRecord = fields(
  { id: isNonEmptyString, modified: isTimestamp },
  {
    schema_version: isString,
    published: isString,
    withdrawn: isTimestamp,
    aliases: arrayOf(isString),
    related: arrayOf(isString),
    upstream: arrayOf(isString),
    summary: isString,
    details: isString,
    severity: arrayOf(checkSeverity),
    affected: arrayOf(checkAffected),
    references: arrayOf(fields({ type: isString, url: isString }, {})),
    database_specific: isObjectValue,
  },
);

/** The first way `value` is not an OSV record, or undefined when it is one. */
export function osvShapeProblem(value: unknown): ShapeProblem | undefined {
  return checkRecord(value, '');
}

/** Type guard over osvShapeProblem, for values already checked (or re-read from the store). */
export function isOsvRecord(value: unknown): value is OsvRecord {
  return osvShapeProblem(value) === undefined;
}
