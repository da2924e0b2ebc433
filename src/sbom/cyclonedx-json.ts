// CycloneDX 1.6 JSON without loading @cyclonedx/cyclonedx-library: the library's models, normaliser
// and serialiser cost about 100 ms of start-up, a third of `palisade sbom`. This writer emits the
// same bytes as the library's JsonSerializer with `{ sortLists: true, space: 2 }` for the documents
// Palisade builds (cyclonedx-json.test.ts compares the two on fixtures and on generated models); it
// keeps the library's key order, its `localeCompare` sort orders and its omissions. Documents it
// cannot mirror exactly (a bom-ref the library would replace) go through the library instead.
import type { PackageScope } from '../packages/model.ts';
import type { CycloneDxHeader } from './cyclonedx.ts';
import type { SbomModel, SbomPackage } from './model.ts';

const SCHEMA = 'http://cyclonedx.org/schema/bom-1.6.schema.json';
/** The bom-ref of the subject (the root component). */
export const SUBJECT_REF = 'palisade:subject';

/** The library's ComponentScope values. */
const SCOPES = { prod: 'required', peer: 'optional', optional: 'optional', dev: 'excluded' } as const satisfies Record<PackageScope, string>;

/** The library's Spec1dot6 hash value pattern: a hash it does not accept is left out. */
const HASH_VALUE = /^([a-fA-F0-9]{32})$|^([a-fA-F0-9]{40})$|^([a-fA-F0-9]{64})$|^([a-fA-F0-9]{96})$|^([a-fA-F0-9]{128})$/;
const SERIAL_NUMBER = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Property {
  readonly name: string;
  readonly value: string;
}

/** A component before normalisation, with what the library's Component.compare reads. */
interface Draft {
  readonly type: string;
  readonly name: string;
  readonly group: string | undefined;
  readonly version: string | undefined;
  readonly bomRef: string | undefined;
  readonly purl: string | undefined;
  readonly scope: string | undefined;
  readonly hashes: ReadonlyMap<string, string>;
  readonly properties: readonly Property[];
  /** bom-refs, in insertion order, without repeats. */
  readonly dependsOn: readonly string[];
}

/** `a.localeCompare(b)` (the default locale's collator), without setting up a collation per call. */
let collator: Intl.Collator | undefined;
function compareText(a: string, b: string): number {
  collator ??= new Intl.Collator();
  return collator.compare(a, b);
}

/** Component.compare: bom-ref, then purl, then group, name and version (all `localeCompare`). */
function compareDrafts(a: Draft, b: Draft): number {
  const byRef = compareText(a.bomRef ?? '', b.bomRef ?? '');
  if (byRef !== 0) return byRef;
  if (a.purl !== undefined && b.purl !== undefined) return compareText(a.purl, b.purl);
  return compareText(a.group ?? '', b.group ?? '') || compareText(a.name, b.name) || compareText(a.version ?? '', b.version ?? '');
}

const compareProperties = (a: Property, b: Property): number => compareText(a.name, b.name) || compareText(a.value, b.value);
const compareHashes = (a: readonly [string, string], b: readonly [string, string]): number => compareText(a[0], b[0]) || compareText(a[1], b[1]);

/** `palisade:*` properties, in the order cyclonedx.ts adds them (the sort is stable). */
function properties(item: SbomPackage): Property[] {
  const list: Property[] = item.sourceFiles.map((path) => ({ name: 'palisade:source-file', value: path }));
  if (item.direct !== undefined) list.push({ name: 'palisade:direct', value: String(item.direct) });
  if (item.scope === 'peer') list.push({ name: 'palisade:scope', value: 'peer' });
  if (item.skipReason !== undefined) list.push({ name: 'palisade:skip-reason', value: item.skipReason });
  if (item.sourceName !== undefined) list.push({ name: 'palisade:source-name', value: item.sourceName });
  if (item.sourceVersion !== undefined) list.push({ name: 'palisade:source-version', value: item.sourceVersion });
  if (item.commit !== undefined) list.push({ name: 'palisade:commit', value: item.commit });
  return list;
}

function packageDraft(item: SbomPackage): Omit<Draft, 'dependsOn'> {
  const hashes = new Map<string, string>();
  for (const hash of item.hashes) hashes.set(hash.alg, hash.content);
  return {
    type: 'library',
    name: item.name,
    group: item.group,
    version: item.version === '' ? undefined : item.version,
    bomRef: item.purl,
    purl: item.purl,
    scope: item.scope === undefined ? undefined : SCOPES[item.scope],
    hashes,
    properties: properties(item),
  };
}

function plainDraft(type: string, name: string, version: string | undefined, bomRef: string | undefined, dependsOn: readonly string[]): Draft {
  return { type, name, group: undefined, version, bomRef, purl: undefined, scope: undefined, hashes: new Map(), properties: [], dependsOn };
}

/** The components in insertion order (packages, then the operating system) and the subject. */
function drafts(model: SbomModel): { subject: Draft; components: Draft[] } {
  const known = new Set(model.packages.map((item) => item.purl));
  const components: Draft[] = model.packages.map((item) => ({ ...packageDraft(item), dependsOn: [...new Set(item.dependsOn.filter((purl) => known.has(purl)))] }));
  const rootDependsOn = [...new Set(model.rootDependsOn.filter((purl) => known.has(purl)))];
  if (model.distribution !== undefined) {
    const { id, versionId } = model.distribution;
    const os = plainDraft('operating-system', id, versionId === '' ? undefined : versionId, `palisade:os:${id}`, []);
    components.push(os);
    if (os.bomRef !== undefined && !rootDependsOn.includes(os.bomRef)) rootDependsOn.push(os.bomRef);
  }
  const subjectType = model.subject.kind === 'image' ? 'container' : 'application';
  return { subject: plainDraft(subjectType, model.subject.name, model.subject.version, SUBJECT_REF, rootDependsOn), components };
}

/** Whether every bom-ref is set, non-empty and unique: otherwise the library would invent one. */
export function hasUniqueBomRefs(model: SbomModel): boolean {
  const { subject, components } = drafts(model);
  const refs = [subject, ...components].map((draft) => draft.bomRef);
  return refs.every((ref) => ref !== undefined && ref !== '') && new Set(refs).size === refs.length;
}

function normalizeComponent(draft: Draft): Record<string, unknown> {
  const hashes = [...draft.hashes].sort(compareHashes).filter(([, content]) => HASH_VALUE.test(content));
  return {
    type: draft.type,
    name: draft.name,
    group: draft.group || undefined,
    version: draft.version === undefined || draft.version === '' ? undefined : draft.version,
    'bom-ref': draft.bomRef || undefined,
    scope: draft.scope,
    hashes: draft.hashes.size > 0 ? hashes.map(([alg, content]) => ({ alg, content })) : undefined,
    purl: draft.purl,
    properties: draft.properties.length > 0 ? [...draft.properties].sort(compareProperties).map((property) => ({ name: property.name, value: property.value })) : undefined,
  };
}

function dependencyGraph(subject: Draft, components: readonly Draft[]): Record<string, unknown>[] {
  const all = [subject, ...components];
  const refs = new Set(all.map((draft) => draft.bomRef));
  const graph = all.flatMap((draft) => {
    if (draft.bomRef === undefined || draft.bomRef === '') return [];
    const dependsOn = draft.dependsOn.filter((ref) => refs.has(ref) && ref !== draft.bomRef).sort(compareText);
    return [{ ref: draft.bomRef, dependsOn: dependsOn.length > 0 ? dependsOn : undefined }];
  });
  return graph.sort((a, b) => compareText(a.ref, b.ref));
}

/** CycloneDX 1.6 JSON (2-space indented, lists sorted) with a trailing newline, as the library writes it. */
export function writeCycloneDxJson(model: SbomModel, header: CycloneDxHeader): string {
  const { subject, components } = drafts(model);
  const serialNumber = `urn:uuid:${header.uuid}`;
  const document = {
    $schema: SCHEMA,
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    serialNumber: SERIAL_NUMBER.test(serialNumber) ? serialNumber : undefined,
    metadata: {
      timestamp: header.timestamp.toISOString(),
      tools: { components: [normalizeComponent(plainDraft('application', 'palisade', header.toolVersion === '' ? undefined : header.toolVersion, undefined, []))] },
      component: normalizeComponent(subject),
    },
    components: [...components].sort(compareDrafts).map(normalizeComponent),
    dependencies: dependencyGraph(subject, components),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
