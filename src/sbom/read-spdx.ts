import type { ScanError, SourceDocument } from '../core/index.ts';
import { elementRanges, memberValueStart, rootStart } from './json-offsets.ts';
import { arrayOf, isRecord, stringOf } from './read-cyclonedx-json.ts';
import type { ReadComponent, ReadDocument } from './read-model.ts';

type JsonRecord = Record<string, unknown>;

const CHECKSUM_NAMES: Readonly<Record<string, string>> = { SHA1: 'SHA-1', SHA256: 'SHA-256', SHA384: 'SHA-384', SHA512: 'SHA-512' };

/** The package's purl: an external reference of category PACKAGE-MANAGER (2.3) or PACKAGE_MANAGER (2.2) and type purl. */
function purlOf(value: JsonRecord): string | undefined {
  for (const reference of arrayOf(value, 'externalRefs')) {
    if (!isRecord(reference) || stringOf(reference, 'referenceType') !== 'purl') continue;
    const category = stringOf(reference, 'referenceCategory') ?? '';
    if (category.replace('_', '-') === 'PACKAGE-MANAGER') return stringOf(reference, 'referenceLocator');
  }
  return undefined;
}

/** Palisade's annotations (`palisade:<key>=<value>`) as properties. */
function annotationProperties(value: JsonRecord): { name: string; value: string }[] {
  return arrayOf(value, 'annotations').flatMap((annotation) => {
    const comment = isRecord(annotation) ? stringOf(annotation, 'comment') : undefined;
    const match = comment === undefined ? null : /^(palisade:[a-z-]+)=(.*)$/s.exec(comment);
    return match === null ? [] : [{ name: match[1] ?? '', value: match[2] ?? '' }];
  });
}

function checksums(value: JsonRecord): { alg: string; content: string }[] {
  return arrayOf(value, 'checksums').flatMap((checksum) => {
    if (!isRecord(checksum)) return [];
    const alg = CHECKSUM_NAMES[stringOf(checksum, 'algorithm') ?? ''];
    const content = stringOf(checksum, 'checksumValue');
    return alg === undefined || content === undefined ? [] : [{ alg, content }];
  });
}

function scopeOf(properties: readonly { name: string; value: string }[]): ReadComponent['scope'] {
  const scope = properties.find((property) => property.name === 'palisade:scope')?.value;
  if (scope === 'dev') return 'excluded';
  if (scope === 'optional' || scope === 'peer') return 'optional';
  return scope === 'prod' ? 'required' : undefined;
}

function componentOf(value: JsonRecord, range: { start: number; end: number }): ReadComponent {
  const properties = annotationProperties(value);
  const purpose = stringOf(value, 'primaryPackagePurpose');
  return {
    purl: purlOf(value),
    names: [stringOf(value, 'name') ?? ''],
    version: stringOf(value, 'versionInfo'),
    type: purpose === undefined ? undefined : purpose.toLowerCase().replaceAll('_', '-'),
    scope: scopeOf(properties),
    properties,
    hashes: checksums(value),
    ref: stringOf(value, 'SPDXID'),
    start: range.start,
    end: range.end,
  };
}

/**
 * DEPENDS_ON and the `*DEPENDENCY_OF` kinds (reversed) as a graph; DESCRIBES names the subject. CONTAINS is not
 * a dependency (Syft relates the subject to every package with it).
 */
function graphOf(value: JsonRecord): { dependencies: Map<string, string[]>; subjectRef: string | undefined } {
  const dependencies = new Map<string, string[]>();
  let subjectRef: string | undefined = arrayOf(value, 'documentDescribes').find((ref) => typeof ref === 'string');
  const add = (from: string, to: string): void => {
    dependencies.set(from, [...(dependencies.get(from) ?? []), to]);
  };
  for (const relationship of arrayOf(value, 'relationships')) {
    if (!isRecord(relationship)) continue;
    const from = stringOf(relationship, 'spdxElementId');
    const type = stringOf(relationship, 'relationshipType') ?? '';
    const to = stringOf(relationship, 'relatedSpdxElement');
    if (from === undefined || to === undefined) continue;
    if (type === 'DESCRIBES' && from === 'SPDXRef-DOCUMENT') subjectRef ??= to;
    else if (type === 'DEPENDS_ON') add(from, to);
    else if (type.endsWith('DEPENDENCY_OF')) add(to, from);
  }
  return { dependencies, subjectRef };
}

/** A parsed SPDX 2.2 / 2.3 JSON document read into components and edges. */
export function readSpdxJson(document: SourceDocument, value: JsonRecord): ReadDocument {
  const errors: ScanError[] = [];
  const components: ReadComponent[] = [];
  const ranges = elementRanges(document.text, memberValueStart(document.text, rootStart(document.text), 'packages'));
  arrayOf(value, 'packages').forEach((item, index) => {
    const range = ranges[index] ?? { start: 0, end: 0 };
    if (!isRecord(item) || typeof item['name'] !== 'string') {
      const position = document.lines.positionAt(range.start);
      errors.push({ path: document.path, code: 'SBOM_INVALID', message: `Package ${index + 1} is not an object with a name; skipped.`, startLine: position.line, startColumn: position.column });
      return;
    }
    components.push(componentOf(item, range));
  });
  const { dependencies, subjectRef } = graphOf(value);
  const creationInfo = isRecord(value['creationInfo']) ? value['creationInfo'] : {};
  const byPalisade = arrayOf(creationInfo, 'creators').some((creator) => typeof creator === 'string' && creator.startsWith('Tool: palisade-'));
  return { format: 'spdx-json', specVersion: (stringOf(value, 'spdxVersion') ?? '').replace(/^SPDX-/, ''), components, dependencies, subjectRef, byPalisade, errors };
}
