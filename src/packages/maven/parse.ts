import type { ScanError, SourceDocument } from '../../core/index.ts';
import type { PackageEntry, PackageScope, ParsedInventory, SkipReason } from '../model.ts';
import { createPackageInventory, entryError } from '../model.ts';
import { formatPurl } from '../purl.ts';
import { conflictMarker } from '../shared/text.ts';
import type { XmlElement } from '../shared/xml.ts';
import { child, childText, children, parseXml } from '../shared/xml.ts';

const MAX_EXPANSIONS = 10;

/** Properties declared in the file, plus the project's own coordinates. */
function collectProperties(project: XmlElement): Map<string, string> {
  const properties = new Map<string, string>();
  const parent = child(project, 'parent');
  for (const [key, value] of [
    ['project.groupId', childText(project, 'groupId') ?? childText(parent, 'groupId')],
    ['project.artifactId', childText(project, 'artifactId')],
    ['project.version', childText(project, 'version') ?? childText(parent, 'version')],
    ['project.parent.groupId', childText(parent, 'groupId')],
    ['project.parent.version', childText(parent, 'version')],
  ] as const) {
    if (value !== undefined) properties.set(key, value);
  }
  for (const holder of [project, ...children(child(project, 'profiles'), 'profile')]) {
    for (const property of child(holder, 'properties')?.children ?? []) if (!properties.has(property.name)) properties.set(property.name, property.text);
  }
  return properties;
}

/** Resolves `${name}` references (nested ones too, a bounded number of times); undefined when one is unknown. */
export function interpolate(value: string, properties: ReadonlyMap<string, string>): string | undefined {
  let current = value;
  for (let round = 0; round < MAX_EXPANSIONS && current.includes('${'); round++) {
    let missing = false;
    current = current.replace(/\$\{([^}]+)\}/g, (_whole, name: string) => {
      const replacement = properties.get(name) ?? properties.get(name.replace(/^pom\./, 'project.'));
      if (replacement === undefined) missing = true;
      return replacement ?? '';
    });
    if (missing) return undefined;
  }
  return current.includes('${') ? undefined : current;
}

function scopeOf(dependency: XmlElement): PackageScope {
  if (childText(dependency, 'optional') === 'true') return 'optional';
  return childText(dependency, 'scope') === 'test' ? 'dev' : 'prod';
}

interface Context {
  readonly source: SourceDocument;
  readonly properties: ReadonlyMap<string, string>;
  readonly managed: ReadonlyMap<string, string>;
}

function toEntry(context: Context, dependency: XmlElement, direct: boolean): PackageEntry | ScanError {
  const { source, properties } = context;
  const groupId = interpolate(childText(dependency, 'groupId') ?? '', properties);
  const artifactId = interpolate(childText(dependency, 'artifactId') ?? '', properties);
  if (groupId === undefined || artifactId === undefined || groupId === '' || artifactId === '') return entryError(source, dependency.start, 'Maven dependency without groupId or artifactId; skipped.');
  const name = `${groupId}:${artifactId}`;
  const declared = childText(dependency, 'version') ?? context.managed.get(name);
  const resolved = declared === undefined ? undefined : interpolate(declared, properties);
  let skipReason: SkipReason | undefined;
  if (declared === undefined) skipReason = 'unpinned';
  else if (resolved === undefined) skipReason = 'unresolved-property';
  else if (/^[[(]|,/.test(resolved)) skipReason = 'unpinned';
  const version = skipReason === undefined ? (resolved ?? '') : '';
  const classifier = childText(dependency, 'classifier');
  const type = childText(dependency, 'type');
  return {
    name,
    version,
    purl: formatPurl({ type: 'maven', namespace: groupId, name: artifactId, version, qualifiers: { classifier, type: type === 'jar' ? undefined : type } }),
    direct,
    scope: scopeOf(dependency),
    range: source.lines.rangeOf(dependency.start, dependency.end),
    dependencies: [],
    ...(skipReason === undefined ? {} : { skipReason }),
  };
}

/**
 * Java `pom.xml`: declared dependencies (profiles included), versions taken from the dependency or
 * else from dependencyManagement, `${properties}` resolved within the file. Managed entries not
 * declared are listed with `direct: undefined` (they pin versions pulled in transitively); BOM
 * imports (`<scope>import</scope>`) are not packages and are left out.
 */
export function parsePom(source: SourceDocument): ParsedInventory {
  const marker = conflictMarker(source.text);
  if (marker !== undefined) return { artifact: undefined, errors: [entryError(source, marker, 'Unresolved merge conflict marker in the file.')] };
  const xml = parseXml(source.text);
  const errors: ScanError[] = xml.errors.map((error) => entryError(source, error.offset, `Invalid XML: ${error.message}.`));
  const project = xml.root;
  if (project === undefined || project.name !== 'project') return { artifact: undefined, errors: project === undefined && errors.length === 0 ? [] : [entryError(source, 0, 'Not a Maven POM: the root element is not <project>.'), ...errors] };
  const properties = collectProperties(project);
  const holders = [project, ...children(child(project, 'profiles'), 'profile')];
  const managedElements = holders.flatMap((holder) => children(child(child(holder, 'dependencyManagement'), 'dependencies'), 'dependency'));
  const managed = new Map<string, string>();
  for (const element of managedElements) {
    const version = childText(element, 'version');
    if (version !== undefined) managed.set(`${interpolate(childText(element, 'groupId') ?? '', properties) ?? ''}:${interpolate(childText(element, 'artifactId') ?? '', properties) ?? ''}`, version);
  }
  const context: Context = { source, properties, managed };
  const packages: PackageEntry[] = [];
  const declared = holders.flatMap((holder) => children(child(holder, 'dependencies'), 'dependency'));
  for (const element of declared) {
    const entry = toEntry(context, element, true);
    if ('code' in entry) errors.push(entry);
    else packages.push(entry);
  }
  const declaredNames = new Set(packages.map((entry) => entry.name));
  for (const element of managedElements) {
    if (childText(element, 'scope') === 'import') continue;
    const entry = toEntry(context, element, false);
    if ('code' in entry) errors.push(entry);
    else if (!declaredNames.has(entry.name)) packages.push({ ...entry, direct: undefined, scope: undefined });
  }
  return { artifact: createPackageInventory(source, { ecosystem: 'Maven', format: 'pom.xml', packages }), errors };
}
