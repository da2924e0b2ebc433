import { createRequire } from 'node:module';

type ParseSemver = typeof import('semver/functions/parse.js');

let parseSemver: ParseSemver | undefined;

/**
 * semver's parser, loaded on first use: only a configured `semver` label type needs it, and its seven
 * modules would otherwise load with every Dockerfile scan (only the parser, never the whole of semver).
 */
function semverParser(): ParseSemver {
  if (parseSemver !== undefined) return parseSemver;
  const loaded: ParseSemver = createRequire(import.meta.url)('semver/functions/parse.js');
  parseSemver = loaded;
  return loaded;
}

/** hadolint's label types (`label-schema`), each with the DL rule that checks it. */
export const LABEL_TYPES = ['text', 'rfc3339', 'semver', 'url', 'hash', 'spdx', 'email'] as const;

export type LabelType = (typeof LABEL_TYPES)[number];

const MAX_TYPED_LENGTH = 2048;
const RFC3339 = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const GIT_HASH = /^([0-9a-f]{7}|[0-9a-f]{40})$/;
const EMAIL = /^[^\s@"(),:;<>[\\\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
/** An SPDX license expression's shape: ids (`MIT`, `LicenseRef-x`) joined by AND / OR / WITH, with parentheses. */
const SPDX_ID = /^(?:LicenseRef-|DocumentRef-[A-Za-z0-9.-]+:LicenseRef-)?[A-Za-z0-9][A-Za-z0-9.-]*\+?$/;

function isSpdxExpression(value: string): boolean {
  const tokens = value.replace(/[()]/g, ' ').trim().split(/\s+/);
  if (tokens.length % 2 === 0) return false;
  return tokens.every((token, index) => (index % 2 === 0 ? SPDX_ID.test(token) && !['AND', 'OR', 'WITH'].includes(token) : ['AND', 'OR', 'WITH'].includes(token)));
}

/** Whether a non-empty literal value has the type's format (`text` accepts anything). */
export function matchesLabelType(type: LabelType, value: string): boolean {
  // No typed value is this long; refusing early keeps the format checks cheap on hostile input.
  if (type !== 'text' && value.length > MAX_TYPED_LENGTH) return false;
  switch (type) {
    case 'text':
      return true;
    case 'rfc3339':
      return RFC3339.test(value);
    case 'semver':
      // semver accepts a leading `v` or `=` and spaces; a semantic version has none.
      return /^\d/.test(value) && value.trim() === value && semverParser()(value) !== null;
    case 'url':
      return URL.canParse(value);
    case 'hash':
      return GIT_HASH.test(value);
    case 'spdx':
      return isSpdxExpression(value);
    case 'email':
      return EMAIL.test(value);
  }
}
