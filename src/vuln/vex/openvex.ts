// OpenVEX (https://github.com/openvex/spec, v0.2.0; v0.0.x string vulnerabilities and products are
// read too) → VEX statements. The first invalid field fails the document, with its position.
import type { Result } from '../../core/index.ts';
import { PalisadeError, err, ok } from '../../core/index.ts';
import type { JsonInput, JsonPath } from './json.ts';
import type { VexDocument, VexProduct, VexStatement } from './model.ts';
import { VEX_STATUSES, isVexStatus } from './model.ts';

export const OPENVEX_JUSTIFICATIONS = [
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_not_in_execute_path',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'inline_mitigations_already_exist',
] as const;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isOpenVex(value: unknown): boolean {
  const context = isRecord(value) ? value['@context'] : undefined;
  return typeof context === 'string' && context.startsWith('https://openvex.dev/ns');
}

class Invalid extends Error {
  readonly error: PalisadeError;
  constructor(error: PalisadeError) {
    super(error.message);
    this.error = error;
  }
}

function fail(input: JsonInput, at: JsonPath, message: string): never {
  throw new Invalid(input.error(at, message));
}

function optionalString(input: JsonInput, record: Record<string, unknown>, key: string, at: JsonPath): string | undefined {
  const value = record[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') fail(input, [...at, key], 'expected a string');
  return value;
}

export function parseOpenVex(input: JsonInput): Result<VexDocument, PalisadeError> {
  try {
    const root = input.value;
    if (!isRecord(root)) return fail(input, [], 'expected a JSON object');
    const timestamp = optionalString(input, root, 'timestamp', []);
    const statements = root['statements'];
    if (!Array.isArray(statements)) return fail(input, ['statements'], 'expected an array of statements');
    const parsed = statements.map((statement: unknown, index) => readStatement(input, statement, ['statements', index], timestamp));
    return ok({ path: input.path, format: 'openvex', statements: parsed });
  } catch (cause) {
    if (cause instanceof Invalid) return err(cause.error);
    throw cause;
  }
}

function readStatement(input: JsonInput, statement: unknown, at: JsonPath, documentTimestamp: string | undefined): VexStatement {
  if (!isRecord(statement)) return fail(input, at, 'expected a statement object');
  const { id, aliases } = readVulnerability(input, statement['vulnerability'], [...at, 'vulnerability']);
  const status = statement['status'];
  if (!isVexStatus(status)) return fail(input, [...at, 'status'], `expected one of ${VEX_STATUSES.join(', ')}`);
  const justification = optionalString(input, statement, 'justification', at);
  if (justification !== undefined && !OPENVEX_JUSTIFICATIONS.some((known) => known === justification)) {
    fail(input, [...at, 'justification'], `expected one of ${OPENVEX_JUSTIFICATIONS.join(', ')}`);
  }
  const detail = optionalString(input, statement, 'impact_statement', at);
  if (status === 'not_affected' && justification === undefined && detail === undefined) fail(input, at, 'a not_affected statement needs a justification or an impact_statement');
  const timestamp = optionalString(input, statement, 'timestamp', at) ?? documentTimestamp;
  const { line, column } = input.positionOf(at);
  return {
    vulnerability: id,
    aliases,
    products: readProducts(input, statement['products'], [...at, 'products']),
    status,
    ...(justification === undefined ? {} : { justification }),
    ...(detail === undefined ? {} : { detail }),
    ...(timestamp === undefined ? {} : { timestamp }),
    source: { path: input.path, startLine: line, startColumn: column },
  };
}

function readVulnerability(input: JsonInput, value: unknown, at: JsonPath): { id: string; aliases: string[] } {
  if (typeof value === 'string' && value !== '') return { id: value, aliases: [] };
  if (!isRecord(value)) return fail(input, at, 'expected a vulnerability object with a name');
  const name = value['name'];
  if (typeof name !== 'string' || name === '') return fail(input, [...at, 'name'], 'expected the vulnerability name (a non-empty string)');
  const aliases = value['aliases'] ?? [];
  if (!Array.isArray(aliases) || !aliases.every((alias) => typeof alias === 'string')) return fail(input, [...at, 'aliases'], 'expected an array of strings');
  const atId = optionalString(input, value, '@id', at);
  return { id: name, aliases: atId === undefined ? aliases : [...aliases, atId] };
}

function componentId(input: JsonInput, value: unknown, at: JsonPath): string {
  if (typeof value === 'string' && value !== '') return value;
  if (!isRecord(value)) return fail(input, at, 'expected a product object or a purl string');
  const identifiers = value['identifiers'];
  const purl = isRecord(identifiers) ? identifiers['purl'] : undefined;
  const id = value['@id'];
  if (typeof purl === 'string' && purl !== '') return purl;
  if (typeof id === 'string' && id !== '') return id;
  return fail(input, at, 'expected "@id" or "identifiers.purl"');
}

function readProducts(input: JsonInput, value: unknown, at: JsonPath): VexProduct[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return fail(input, at, 'expected an array of products');
  return value.map((product: unknown, index): VexProduct => {
    const id = componentId(input, product, [...at, index]);
    const subcomponents = isRecord(product) ? (product['subcomponents'] ?? []) : [];
    if (!Array.isArray(subcomponents)) return fail(input, [...at, index, 'subcomponents'], 'expected an array of subcomponents');
    return { id, subcomponents: subcomponents.map((sub: unknown, subIndex) => componentId(input, sub, [...at, index, 'subcomponents', subIndex])) };
  });
}
