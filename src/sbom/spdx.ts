// SPDX 2.3 JSON, written directly (the shape is small and documented: https://spdx.github.io/spdx-spec/v2.3/).
import { createHash } from 'node:crypto';
import type { HashAlgorithm } from './hashes.ts';
import type { SbomModel, SbomPackage } from './model.ts';

export interface SpdxHeader {
  readonly timestamp: Date;
  readonly uuid: string;
  readonly toolVersion: string;
}

export const SPDX_NAMESPACE_BASE = 'https://github.com/palisade-dev/palisade/spdxdocs';
const SUBJECT_ID = 'SPDXRef-Subject';

const CHECKSUM_ALGORITHMS = { 'SHA-1': 'SHA1', 'SHA-256': 'SHA256', 'SHA-384': 'SHA384', 'SHA-512': 'SHA512' } as const satisfies Record<HashAlgorithm, string>;

interface Relationship {
  readonly spdxElementId: string;
  readonly relationshipType: 'DESCRIBES' | 'DEPENDS_ON';
  readonly relatedSpdxElement: string;
}

/** A stable id per purl: readable name plus a short hash (SPDX ids allow letters, digits, `.` and `-`). */
export function spdxIdOf(item: Pick<SbomPackage, 'purl' | 'fullName'>): string {
  const readable = item.fullName.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  const digest = createHash('sha256').update(item.purl).digest('hex').slice(0, 12);
  return `SPDXRef-Package-${readable === '' ? 'package' : readable}-${digest}`;
}

/** SPDX wants seconds precision: `2026-01-02T03:04:05Z`. */
function spdxDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** What CycloneDX keeps in `palisade:*` properties, SPDX keeps in annotations (`palisade:<key>=<value>`). */
function annotationTexts(item: SbomPackage): string[] {
  const texts: string[] = [];
  if (item.direct !== undefined) texts.push(`palisade:direct=${String(item.direct)}`);
  if (item.scope !== undefined) texts.push(`palisade:scope=${item.scope}`);
  if (item.skipReason !== undefined) texts.push(`palisade:skip-reason=${item.skipReason}`);
  if (item.sourceName !== undefined) texts.push(`palisade:source-name=${item.sourceName}`);
  if (item.sourceVersion !== undefined) texts.push(`palisade:source-version=${item.sourceVersion}`);
  if (item.commit !== undefined) texts.push(`palisade:commit=${item.commit}`);
  return texts;
}

function spdxPackage(item: SbomPackage, annotator: string, date: string): Record<string, unknown> {
  const annotations = annotationTexts(item).map((comment) => ({ annotationDate: date, annotationType: 'OTHER', annotator, comment }));
  return {
    SPDXID: spdxIdOf(item),
    name: item.fullName,
    ...(item.version === '' ? {} : { versionInfo: item.version }),
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    ...(item.hashes.length === 0 ? {} : { checksums: item.hashes.map((hash) => ({ algorithm: CHECKSUM_ALGORITHMS[hash.alg], checksumValue: hash.content })) }),
    sourceInfo: `found in: ${item.sourceFiles.join(', ')}`,
    externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: item.purl }],
    primaryPackagePurpose: 'LIBRARY',
    ...(annotations.length === 0 ? {} : { annotations }),
  };
}

function relationships(model: SbomModel, osId: string | undefined): Relationship[] {
  const idOf = new Map(model.packages.map((item) => [item.purl, spdxIdOf(item)]));
  const list: Relationship[] = [{ spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: SUBJECT_ID }];
  const dependsOn = (from: string, purls: readonly string[]): void => {
    for (const purl of purls) {
      const to = idOf.get(purl);
      if (to !== undefined) list.push({ spdxElementId: from, relationshipType: 'DEPENDS_ON', relatedSpdxElement: to });
    }
  };
  dependsOn(SUBJECT_ID, model.rootDependsOn);
  if (osId !== undefined) list.push({ spdxElementId: SUBJECT_ID, relationshipType: 'DEPENDS_ON', relatedSpdxElement: osId });
  for (const item of model.packages) dependsOn(spdxIdOf(item), item.dependsOn);
  return list;
}

/** The SPDX 2.3 JSON document (2-space indented) with a trailing newline. */
export function spdxJson(model: SbomModel, header: SpdxHeader): string {
  const creator = `Tool: palisade-${header.toolVersion}`;
  const date = spdxDate(header.timestamp);
  const safeName = model.subject.name.replace(/[^A-Za-z0-9._-]+/g, '-');
  const subject = {
    SPDXID: SUBJECT_ID,
    name: model.subject.name,
    ...(model.subject.version === undefined ? {} : { versionInfo: model.subject.version }),
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    primaryPackagePurpose: model.subject.kind === 'image' ? 'CONTAINER' : 'APPLICATION',
  };
  const distribution = model.distribution;
  const os =
    distribution === undefined
      ? []
      : [{ SPDXID: `SPDXRef-OperatingSystem-${distribution.id.replace(/[^A-Za-z0-9.-]+/g, '-')}`, name: distribution.id, ...(distribution.versionId === '' ? {} : { versionInfo: distribution.versionId }), downloadLocation: 'NOASSERTION', filesAnalyzed: false, primaryPackagePurpose: 'OPERATING_SYSTEM' }];
  const document = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: model.subject.name,
    documentNamespace: `${SPDX_NAMESPACE_BASE}/${safeName === '' ? 'sbom' : safeName}-${header.uuid}`,
    creationInfo: { created: date, creators: [creator] },
    packages: [subject, ...os, ...model.packages.map((item) => spdxPackage(item, creator, date))],
    relationships: relationships(model, os[0]?.SPDXID),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
