// CycloneDX 1.6 through @cyclonedx/cyclonedx-library: its models, normalisers and serialisers.
// The library's `Serialize` entry point loads xmlbuilder2 for XML at import time (about 150 ms, more
// than the rest of `palisade sbom`), so JSON takes the serialiser from the library's platform-neutral
// serialize module (the same files `Serialize` re-exports) and XML loads `Serialize` only when asked.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ComponentScope, ComponentType, HashAlgorithm } from '@cyclonedx/cyclonedx-library/Enums';
import { Bom, Component, Property } from '@cyclonedx/cyclonedx-library/Models';
import type * as Serialize from '@cyclonedx/cyclonedx-library/Serialize';
import { Spec1dot6 } from '@cyclonedx/cyclonedx-library/Spec';
import type { PackageScope } from '../packages/index.ts';
import type { HashAlgorithm as SbomHashAlgorithm } from './hashes.ts';
import type { SbomModel, SbomPackage } from './model.ts';
import { SUBJECT_REF } from './cyclonedx-json.ts';

export { SUBJECT_REF };

const SCOPES = {
  prod: ComponentScope.Required,
  peer: ComponentScope.Optional,
  optional: ComponentScope.Optional,
  dev: ComponentScope.Excluded,
} as const satisfies Record<PackageScope, ComponentScope>;

const HASHES = {
  'SHA-1': HashAlgorithm['SHA-1'],
  'SHA-256': HashAlgorithm['SHA-256'],
  'SHA-384': HashAlgorithm['SHA-384'],
  'SHA-512': HashAlgorithm['SHA-512'],
} as const satisfies Record<SbomHashAlgorithm, HashAlgorithm>;

export interface CycloneDxHeader {
  readonly timestamp: Date;
  readonly uuid: string;
  readonly toolVersion: string;
}

/** `palisade:*` properties: where the package was found, and what the inventory knew beyond name and version. */
function properties(item: SbomPackage): Property[] {
  const list = item.sourceFiles.map((path) => new Property('palisade:source-file', path));
  if (item.direct !== undefined) list.push(new Property('palisade:direct', String(item.direct)));
  if (item.scope === 'peer') list.push(new Property('palisade:scope', 'peer')); // CycloneDX has no peer scope: `optional` plus this
  if (item.skipReason !== undefined) list.push(new Property('palisade:skip-reason', item.skipReason));
  if (item.sourceName !== undefined) list.push(new Property('palisade:source-name', item.sourceName));
  if (item.sourceVersion !== undefined) list.push(new Property('palisade:source-version', item.sourceVersion));
  if (item.commit !== undefined) list.push(new Property('palisade:commit', item.commit));
  return list;
}

function component(item: SbomPackage): Component {
  const created = new Component(ComponentType.Library, item.name, {
    bomRef: item.purl,
    purl: item.purl,
    ...(item.group === undefined ? {} : { group: item.group }),
    ...(item.version === '' ? {} : { version: item.version }),
    ...(item.scope === undefined ? {} : { scope: SCOPES[item.scope] }),
  });
  for (const hash of item.hashes) created.hashes.set(HASHES[hash.alg], hash.content);
  for (const property of properties(item)) created.properties.add(property);
  return created;
}

function buildBom(model: SbomModel, header: CycloneDxHeader): Bom {
  const bom = new Bom({ serialNumber: `urn:uuid:${header.uuid}` });
  bom.metadata.timestamp = header.timestamp;
  bom.metadata.tools.components.add(new Component(ComponentType.Application, 'palisade', { version: header.toolVersion }));
  const subjectType = model.subject.kind === 'image' ? ComponentType.Container : ComponentType.Application;
  const subject = new Component(subjectType, model.subject.name, { bomRef: SUBJECT_REF, ...(model.subject.version === undefined ? {} : { version: model.subject.version }) });
  bom.metadata.component = subject;
  const byPurl = new Map<string, Component>();
  for (const item of model.packages) {
    const created = component(item);
    byPurl.set(item.purl, created);
    bom.components.add(created);
  }
  for (const item of model.packages) {
    const from = byPurl.get(item.purl);
    for (const purl of item.dependsOn) {
      const to = byPurl.get(purl);
      if (from !== undefined && to !== undefined) from.dependencies.add(to.bomRef);
    }
  }
  for (const purl of model.rootDependsOn) {
    const to = byPurl.get(purl);
    if (to !== undefined) subject.dependencies.add(to.bomRef);
  }
  if (model.distribution !== undefined) {
    const { id, versionId } = model.distribution;
    const os = new Component(ComponentType.OperatingSystem, id, { bomRef: `palisade:os:${id}`, ...(versionId === '' ? {} : { version: versionId }) });
    bom.components.add(os);
    subject.dependencies.add(os.bomRef);
  }
  return bom;
}

type JsonSerialize = Pick<typeof Serialize, 'JSON' | 'JsonSerializer'>;

let jsonSerialize: JsonSerialize | undefined;

/** The JSON half of the library's serialisers without its XML stringifier; the full entry point if the file moved. */
export function loadJsonSerialize(): JsonSerialize {
  const require = createRequire(import.meta.url);
  try {
    const common: JsonSerialize = require(join(dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')), 'dist.node', 'serialize', 'index.common.js'));
    if (typeof common.JsonSerializer === 'function') return common;
  } catch {
    // fall through to the public entry point
  }
  const full: JsonSerialize = require('@cyclonedx/cyclonedx-library/Serialize');
  return full;
}

/** CycloneDX 1.6 JSON (2-space indented, lists sorted) with a trailing newline. */
export function cycloneDxJson(model: SbomModel, header: CycloneDxHeader): string {
  jsonSerialize ??= loadJsonSerialize();
  const serializer = new jsonSerialize.JsonSerializer(new jsonSerialize.JSON.Normalize.Factory(Spec1dot6));
  return `${serializer.serialize(buildBom(model, header), { sortLists: true, space: 2 })}\n`;
}

/** CycloneDX 1.6 XML (2-space indented, lists sorted) with a trailing newline. Not validated: the library's XML validator needs the native libxmljs2. */
export async function cycloneDxXml(model: SbomModel, header: CycloneDxHeader): Promise<string> {
  const { XML, XmlSerializer } = await import('@cyclonedx/cyclonedx-library/Serialize');
  const serializer = new XmlSerializer(new XML.Normalize.Factory(Spec1dot6));
  return `${serializer.serialize(buildBom(model, header), { sortLists: true, space: 2 })}\n`;
}
