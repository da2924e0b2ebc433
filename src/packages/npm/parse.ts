import type { ScanError, SourceDocument } from '../../core/index.ts';
import type { DependencyEdge, PackageEntry, PackageScope, ParsedInventory, SkipReason } from '../model.ts';
import { createPackageInventory, entryError } from '../model.ts';
import { npmPurl } from '../purl.ts';
import type { JsonMember } from '../shared/json.ts';
import { isRecord, jsonMembers, parseJsonDocument, stringField, stringMap } from '../shared/json.ts';


const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

function scopeOf(entry: Record<string, unknown>): PackageScope {
  if (entry['dev'] === true || entry['devOptional'] === true) return 'dev';
  if (entry['optional'] === true) return 'optional';
  if (entry['peer'] === true) return 'peer';
  return 'prod';
}

/** Version, skip reason and commit from a `version` (v1) or `resolved`/`version` (v2+) value. */
export function classifyNpmVersion(version: string, resolved: string | undefined): { version: string; skipReason?: SkipReason; commit?: string; alias?: string } {
  if (version.startsWith('npm:')) {
    const spec = version.slice(4);
    const at = spec.lastIndexOf('@');
    return at > 0 ? { version: spec.slice(at + 1), alias: spec.slice(0, at) } : { version: '', skipReason: 'unpinned' };
  }
  const versionIsGit = /^(?:git\+|git:|github:|gitlab:|bitbucket:)/.test(version);
  if (versionIsGit || /^(?:git\+|git:)/.test(resolved ?? '')) {
    const kept = versionIsGit ? '' : version;
    const commit = /#([0-9a-f]{7,40})$/.exec(resolved ?? version)?.[1];
    return commit === undefined ? { version: kept, skipReason: 'git' } : { version: kept, skipReason: 'git', commit };
  }
  if (version.startsWith('file:') || version.startsWith('link:')) return { version: '', skipReason: 'local-path' };
  if (/^https?:/.test(version)) return { version: '', skipReason: 'url' };
  return { version };
}

function edges(entry: Record<string, unknown>, fields: readonly string[]): DependencyEdge[] {
  return fields.flatMap((field) => Object.entries(stringMap(entry[field])).map(([name, requirement]) => ({ name, requirement })));
}

function buildEntry(source: SourceDocument, member: JsonMember, name: string, entry: Record<string, unknown>, direct: boolean | undefined, dependencyFields: readonly string[]): PackageEntry {
  const classified = classifyNpmVersion(stringField(entry, 'version') ?? '', stringField(entry, 'resolved'));
  const realName = stringField(entry, 'name') ?? classified.alias ?? name;
  const integrity = stringField(entry, 'integrity');
  return {
    name: realName,
    version: classified.version,
    purl: npmPurl(realName, classified.version),
    direct,
    scope: scopeOf(entry),
    range: source.lines.rangeOf(member.keyStart, member.end),
    dependencies: edges(entry, dependencyFields),
    ...(classified.skipReason === undefined ? {} : { skipReason: classified.skipReason }),
    ...(classified.commit === undefined ? {} : { commit: classified.commit }),
    ...(integrity === undefined ? {} : { integrity }),
  };
}

/** lockfileVersion 2 and 3: the flat `packages` map keyed by install path. */
function parsePackagesMap(source: SourceDocument, packages: Record<string, unknown>, packagesStart: number, errors: ScanError[]): PackageEntry[] {
  const members = jsonMembers(source.text, packagesStart);
  const root = packages[''];
  const directNames = new Set(isRecord(root) ? DEPENDENCY_FIELDS.flatMap((field) => Object.keys(stringMap(root[field]))) : []);
  const out: PackageEntry[] = [];
  for (const [path, member] of members) {
    const entry = packages[path];
    if (path === '') continue;
    if (!isRecord(entry)) {
      errors.push(entryError(source, member.keyStart, `Package entry "${path}" is not an object; skipped.`));
      continue;
    }
    const marker = path.lastIndexOf('node_modules/');
    if (entry['link'] === true) continue; // a link's target folder is listed on its own
    if (marker === -1) {
      out.push({ ...buildEntry(source, member, stringField(entry, 'name') ?? path, entry, undefined, DEPENDENCY_FIELDS), skipReason: 'workspace' });
      continue;
    }
    const name = path.slice(marker + 'node_modules/'.length);
    const topLevel = marker === 0 && !name.includes('/node_modules/');
    out.push(buildEntry(source, member, name, entry, topLevel && directNames.has(name), DEPENDENCY_FIELDS));
  }
  return out;
}

/** lockfileVersion 1: nested `dependencies` objects. */
function parseDependencyTree(source: SourceDocument, dependencies: Record<string, unknown>, start: number, depth: number, errors: ScanError[], out: PackageEntry[]): void {
  const members = jsonMembers(source.text, start);
  for (const [name, member] of members) {
    const entry = dependencies[name];
    if (!isRecord(entry) || typeof entry['version'] !== 'string') {
      errors.push(entryError(source, member.keyStart, `Dependency "${name}" has no version; skipped.`));
      continue;
    }
    out.push({ ...buildEntry(source, member, name, entry, undefined, ['requires']), direct: undefined });
    const nested = entry['dependencies'];
    const nestedMember = jsonMembers(source.text, member.valueStart).get('dependencies');
    if (isRecord(nested) && nestedMember !== undefined) parseDependencyTree(source, nested, nestedMember.valueStart, depth + 1, errors, out);
  }
}

export function parseNpmLock(source: SourceDocument): ParsedInventory {
  const parsed = parseJsonDocument(source);
  if (!parsed.ok) return { artifact: undefined, errors: [parsed.error] };
  const { value, rootStart } = parsed.value;
  const errors: ScanError[] = [];
  const lockfileVersion = typeof value['lockfileVersion'] === 'number' ? value['lockfileVersion'] : 1;
  const rootMembers = jsonMembers(source.text, rootStart);
  const packagesMember = rootMembers.get('packages');
  let packages: PackageEntry[] = [];
  if (lockfileVersion >= 2 && isRecord(value['packages']) && packagesMember !== undefined) {
    packages = parsePackagesMap(source, value['packages'], packagesMember.valueStart, errors);
  } else {
    const dependenciesMember = rootMembers.get('dependencies');
    if (isRecord(value['dependencies']) && dependenciesMember !== undefined) parseDependencyTree(source, value['dependencies'], dependenciesMember.valueStart, 0, errors, packages);
  }
  const artifact = createPackageInventory(source, { ecosystem: 'npm', format: `package-lock@${lockfileVersion}`, packages });
  return { artifact, errors };
}
