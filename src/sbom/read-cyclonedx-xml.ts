import type { ScanError, SourceDocument } from '../core/index.ts';
import { namesOf } from './read-cyclonedx-json.ts';
import type { ReadComponent, ReadDocument } from './read-model.ts';
import type { XmlNode } from './xml.ts';
import { childNamed, childText, childrenNamed } from './xml.ts';

const MAX_DEPTH = 32;

function scopeOf(value: string | undefined): ReadComponent['scope'] {
  return value === 'required' || value === 'optional' || value === 'excluded' ? value : undefined;
}

function componentOf(node: XmlNode): ReadComponent {
  return {
    purl: childText(node, 'purl'),
    names: namesOf(childText(node, 'name') ?? '', childText(node, 'group')),
    version: childText(node, 'version'),
    type: node.attributes.get('type'),
    scope: scopeOf(childText(node, 'scope')),
    properties: childrenNamed(childNamed(node, 'properties'), 'property').map((property) => ({ name: property.attributes.get('name') ?? '', value: property.text })),
    hashes: childrenNamed(childNamed(node, 'hashes'), 'hash').map((hash) => ({ alg: hash.attributes.get('alg') ?? '', content: hash.text.trim() })),
    ref: node.attributes.get('bom-ref'),
    start: node.start,
    end: node.end,
  };
}

function readComponents(document: SourceDocument, container: XmlNode | undefined, out: ReadComponent[], errors: ScanError[], depth: number): void {
  for (const node of childrenNamed(container, 'component')) {
    if (childText(node, 'name') === undefined) {
      const position = document.lines.positionAt(node.start);
      errors.push({ path: document.path, code: 'SBOM_INVALID', message: 'Component without a <name>; skipped.', startLine: position.line, startColumn: position.column });
      continue;
    }
    out.push(componentOf(node));
    if (depth < MAX_DEPTH) readComponents(document, childNamed(node, 'components'), out, errors, depth + 1);
  }
}

/** `<dependency ref="a"><dependency ref="b"/></dependency>` as a graph. */
function dependencyGraph(node: XmlNode | undefined): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const dependency of childrenNamed(node, 'dependency')) {
    const ref = dependency.attributes.get('ref');
    if (ref === undefined) continue;
    const targets = childrenNamed(dependency, 'dependency').flatMap((target) => target.attributes.get('ref') ?? []);
    graph.set(ref, [...(graph.get(ref) ?? []), ...targets]);
  }
  return graph;
}

const NAMESPACE = /^http:\/\/cyclonedx\.org\/schema\/bom\/(\d+\.\d+)$/;

/** The CycloneDX namespace the root declares, default (`xmlns`) or prefixed (`xmlns:cdx`). */
export function cycloneDxNamespace(root: XmlNode): string | undefined {
  for (const [name, value] of root.attributes) if ((name === 'xmlns' || name.startsWith('xmlns:')) && NAMESPACE.test(value)) return value;
  return undefined;
}

/** A CycloneDX XML document (`<bom xmlns="http://cyclonedx.org/schema/bom/1.x">`) read into components and edges. */
export function readCycloneDxXml(document: SourceDocument, root: XmlNode): ReadDocument {
  const components: ReadComponent[] = [];
  const errors: ScanError[] = [];
  readComponents(document, childNamed(root, 'components'), components, errors, 0);
  const subject = childNamed(childNamed(root, 'metadata'), 'component');
  const namespace = cycloneDxNamespace(root) ?? '';
  return {
    format: 'cyclonedx-xml',
    specVersion: NAMESPACE.exec(namespace)?.[1] ?? '',
    components,
    dependencies: dependencyGraph(childNamed(root, 'dependencies')),
    subjectRef: subject?.attributes.get('bom-ref'),
    byPalisade: childrenNamed(childNamed(childNamed(childNamed(root, 'metadata'), 'tools'), 'components'), 'component').some((tool) => childText(tool, 'name') === 'palisade'),
    errors,
  };
}
