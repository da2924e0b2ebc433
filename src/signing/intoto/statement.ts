import { PalisadeError } from '../../core/errors.ts';

export const STATEMENT_V1 = 'https://in-toto.io/Statement/v1';
/** cosign still writes v0.1 statements; they have the same shape and are read too. */
export const STATEMENT_V01 = 'https://in-toto.io/Statement/v0.1';

export interface StatementSubject {
  readonly name: string;
  readonly digest: Readonly<Record<string, string>>;
}

export interface Statement {
  readonly _type: string;
  readonly subject: readonly StatementSubject[];
  readonly predicateType: string;
  readonly predicate: unknown;
}

/** An in-toto Statement v1 about one artifact, identified by name and sha256 (`sha256:<hex>` or bare hex). */
export function buildStatement(subject: { readonly name: string; readonly digest: string }, predicateType: string, predicate: unknown): Statement {
  return { _type: STATEMENT_V1, subject: [{ name: subject.name, digest: { sha256: bareSha256(subject.digest) } }], predicateType, predicate };
}

export function serializeStatement(statement: Statement): Buffer {
  return Buffer.from(JSON.stringify(statement), 'utf8');
}

/** Parses a statement payload; throws SIGNATURE_INVALID naming what is missing. */
export function parseStatement(payload: Uint8Array | string, source = 'in-toto statement'): Statement {
  let value: unknown;
  try {
    value = JSON.parse(typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8'));
  } catch (error) {
    throw statementError(source, 'not valid JSON', error);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw statementError(source, 'not a JSON object');
  const record: Record<string, unknown> = { ...value };
  const { _type: type, subject, predicateType, predicate } = record;
  if (type !== STATEMENT_V1 && type !== STATEMENT_V01) throw statementError(source, `unsupported _type ${JSON.stringify(type) ?? 'undefined'} (expected ${STATEMENT_V1})`);
  if (typeof predicateType !== 'string' || predicateType === '') throw statementError(source, '"predicateType" is missing');
  if (!Array.isArray(subject) || subject.length === 0) throw statementError(source, '"subject" is missing or empty');
  return { _type: type, subject: subject.map((entry, index) => parseSubject(entry, index, source)), predicateType, predicate };
}

function parseSubject(value: unknown, index: number, source: string): StatementSubject {
  if (typeof value !== 'object' || value === null) throw statementError(source, `subject[${index}] is not an object`);
  const record: Record<string, unknown> = { ...value };
  const { name, digest } = record;
  if (typeof digest !== 'object' || digest === null || Array.isArray(digest)) throw statementError(source, `subject[${index}].digest is missing`);
  const digests: Record<string, string> = {};
  for (const [algorithm, hex] of Object.entries(digest)) {
    if (typeof hex === 'string') digests[algorithm.toLowerCase()] = hex.toLowerCase();
  }
  return { name: typeof name === 'string' ? name : '', digest: digests };
}

/** True when some subject carries this digest (`sha256:<hex>`, `sha512:<hex>`, or bare sha256 hex); never throws. */
export function statementCoversDigest(statement: Statement, digest: string): boolean {
  const match = /^(?:(sha256|sha384|sha512):)?([0-9a-f]+)$/.exec(digest.toLowerCase());
  if (match === null) return false;
  const [, algorithm = 'sha256', hex] = match;
  return statement.subject.some((subject) => subject.digest[algorithm] === hex);
}

function bareSha256(digest: string): string {
  const hex = digest.toLowerCase().replace(/^sha256:/, '');
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new PalisadeError('USAGE', `"${digest}" is not a sha256 digest`);
  return hex;
}

function statementError(source: string, problem: string, cause?: unknown): PalisadeError {
  return new PalisadeError('SIGNATURE_INVALID', `${source}: ${problem}`, cause === undefined ? undefined : { cause });
}
