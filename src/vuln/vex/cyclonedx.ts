// CycloneDX VEX (JSON, spec 1.4-1.6): `vulnerabilities[]` with an `analysis` become statements;
// `affects[].ref` is resolved to the component's purl through `bom-ref`s (BOM-Links included).
// analysis.state: not_affected and false_positive → not_affected; resolved and
// resolved_with_pedigree → fixed; exploitable → affected; in_triage → under_investigation.
import type { Result } from '../../core/index.ts';
import { err, ok } from '../../core/index.ts';
import type { PalisadeError } from '../../core/index.ts';
import type { JsonInput, JsonPath } from './json.ts';
import type { VexDocument, VexStatement, VexStatus } from './model.ts';
import { isRecord } from './openvex.ts';

const STATES: ReadonlyMap<string, VexStatus> = new Map([
  ['not_affected', 'not_affected'],
  ['false_positive', 'not_affected'],
  ['resolved', 'fixed'],
  ['resolved_with_pedigree', 'fixed'],
  ['exploitable', 'affected'],
  ['in_triage', 'under_investigation'],
]);

export function isCycloneDx(value: unknown): boolean {
  return isRecord(value) && value['bomFormat'] === 'CycloneDX';
}

/** bom-ref → purl for every component (nested ones too) and the metadata component. */
function purlsByRef(root: Record<string, unknown>): Map<string, string> {
  const refs = new Map<string, string>();
  const metadata = root['metadata'];
  const pending: unknown[] = [isRecord(metadata) ? metadata['component'] : undefined, ...(Array.isArray(root['components']) ? root['components'] : [])];
  while (pending.length > 0) {
    const component = pending.pop();
    if (!isRecord(component)) continue;
    const ref = component['bom-ref'];
    const purl = component['purl'];
    if (typeof ref === 'string' && typeof purl === 'string') refs.set(ref, purl);
    if (Array.isArray(component['components'])) pending.push(...component['components']);
  }
  return refs;
}

/** A BOM-Link (`urn:cdx:<serial>/<version>#<bom-ref>`) names the bom-ref after `#`. */
function resolveRef(ref: string, refs: ReadonlyMap<string, string>): string {
  const direct = refs.get(ref);
  if (direct !== undefined) return direct;
  const hash = ref.startsWith('urn:cdx:') ? ref.indexOf('#') : -1;
  if (hash === -1) return ref;
  const fragment = ref.slice(hash + 1);
  let decoded = fragment;
  try {
    decoded = decodeURIComponent(fragment);
  } catch {
    decoded = fragment;
  }
  return refs.get(decoded) ?? decoded;
}

export function parseCycloneDxVex(input: JsonInput): Result<VexDocument, PalisadeError> {
  const root = input.value;
  if (!isRecord(root)) return err(input.error([], 'expected a JSON object'));
  const vulnerabilities = root['vulnerabilities'] ?? [];
  if (!Array.isArray(vulnerabilities)) return err(input.error(['vulnerabilities'], 'expected an array'));
  const metadata = root['metadata'];
  const documentTime = isRecord(metadata) && typeof metadata['timestamp'] === 'string' ? metadata['timestamp'] : undefined;
  const refs = purlsByRef(root);
  const statements: VexStatement[] = [];
  for (const [index, vulnerability] of vulnerabilities.entries()) {
    const read = readVulnerability(input, vulnerability, ['vulnerabilities', index], refs, documentTime);
    if (!read.ok) return read;
    if (read.value !== undefined) statements.push(read.value);
  }
  return ok({ path: input.path, format: 'cyclonedx', statements });
}

function text(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function readVulnerability(input: JsonInput, value: unknown, at: JsonPath, refs: ReadonlyMap<string, string>, documentTime: string | undefined): Result<VexStatement | undefined, PalisadeError> {
  if (!isRecord(value)) return err(input.error(at, 'expected a vulnerability object'));
  const analysis = value['analysis'];
  if (analysis === undefined) return ok(undefined);
  const id = text(value, 'id');
  if (id === undefined) return err(input.error([...at, 'id'], 'expected the vulnerability id (a non-empty string)'));
  if (!isRecord(analysis)) return err(input.error([...at, 'analysis'], 'expected an object'));
  const state = analysis['state'];
  const status = typeof state === 'string' ? STATES.get(state) : undefined;
  if (status === undefined) return err(input.error([...at, 'analysis', 'state'], `expected one of ${[...STATES.keys()].join(', ')}`));
  const affects = value['affects'] ?? [];
  if (!Array.isArray(affects)) return err(input.error([...at, 'affects'], 'expected an array'));
  const products = affects.flatMap((affect: unknown) => {
    const ref = isRecord(affect) ? text(affect, 'ref') : undefined;
    return ref === undefined ? [] : [{ id: resolveRef(ref, refs), subcomponents: [] }];
  });
  const references = Array.isArray(value['references']) ? value['references'] : [];
  const aliases = references.flatMap((reference: unknown) => (isRecord(reference) && typeof reference['id'] === 'string' ? [reference['id']] : []));
  const justification = text(analysis, 'justification');
  const detail = text(analysis, 'detail');
  const timestamp = text(analysis, 'lastUpdated') ?? text(value, 'updated') ?? text(value, 'published') ?? documentTime;
  const { line, column } = input.positionOf(at);
  return ok({
    vulnerability: id,
    aliases,
    products,
    status,
    ...(justification === undefined ? {} : { justification }),
    ...(detail === undefined ? {} : { detail }),
    ...(timestamp === undefined ? {} : { timestamp }),
    source: { path: input.path, startLine: line, startColumn: column },
  });
}
