// The two semver functions alone: the package's index loads all of its ~50 modules.
import maxSatisfying from 'semver/ranges/max-satisfying.js';
import valid from 'semver/functions/valid.js';
import type { PackageEntry, PackageInventoryArtifact, PackageScope } from '../packages/index.ts';
import { integrityHashes } from './hashes.ts';
import type { SbomHash } from './hashes.ts';
import type { SbomModel, SbomPackage, SbomSubject } from './model.ts';

interface Draft {
  purl: string;
  entry: PackageEntry;
  inventory: PackageInventoryArtifact;
  scope: PackageScope | undefined;
  direct: boolean | undefined;
  hashes: SbomHash[];
  sourceFiles: Set<string>;
  dependsOn: Set<string>;
}

/** Strongest first: a package needed in production by one file is needed in production. */
const SCOPE_RANK: Readonly<Record<PackageScope, number>> = { prod: 0, optional: 1, peer: 2, dev: 3 };

function strongerScope(a: PackageScope | undefined, b: PackageScope | undefined): PackageScope | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return SCOPE_RANK[a] <= SCOPE_RANK[b] ? a : b;
}

function mergedDirect(a: boolean | undefined, b: boolean | undefined): boolean | undefined {
  if (a === true || b === true) return true;
  return a ?? b;
}

/** npm scope and Maven groupId become the CycloneDX group. */
function splitName(inventory: PackageInventoryArtifact, name: string): { group: string | undefined; name: string } {
  if (inventory.ecosystem === 'npm' && name.startsWith('@') && name.includes('/')) {
    const slash = name.indexOf('/');
    return { group: name.slice(0, slash), name: name.slice(slash + 1) };
  }
  if (inventory.ecosystem === 'Maven' && name.includes(':')) {
    const colon = name.indexOf(':');
    return { group: name.slice(0, colon), name: name.slice(colon + 1) };
  }
  return { group: undefined, name };
}

/**
 * Resolves a dependency edge (a name, maybe a requirement) to a purl of the same inventory: the only
 * entry of that name, the entry whose version is the requirement (Go, Poetry, Cargo), or the highest
 * version satisfying it as a semver range (npm, pnpm, yarn). Unresolvable edges are dropped.
 */
function resolveEdge(byName: ReadonlyMap<string, readonly PackageEntry[]>, name: string, requirement: string | undefined): string | undefined {
  const candidates = byName.get(name) ?? [];
  if (candidates.length <= 1) return candidates[0]?.purl;
  if (requirement === undefined) return undefined;
  const exact = candidates.find((candidate) => candidate.version === requirement);
  if (exact !== undefined) return exact.purl;
  const best = maxSatisfying(
    candidates.map((candidate) => candidate.version).filter((version) => valid(version) !== null),
    requirement,
    { loose: true },
  );
  return best === null ? undefined : candidates.find((candidate) => candidate.version === best)?.purl;
}

function entriesByName(inventory: PackageInventoryArtifact): Map<string, PackageEntry[]> {
  const byName = new Map<string, PackageEntry[]>();
  for (const entry of inventory.packages) {
    const list = byName.get(entry.name) ?? [];
    if (!list.some((other) => other.purl === entry.purl)) list.push(entry);
    byName.set(entry.name, list);
  }
  return byName;
}

function addEntry(drafts: Map<string, Draft>, inventory: PackageInventoryArtifact, entry: PackageEntry, dependsOn: readonly string[]): void {
  const existing = drafts.get(entry.purl);
  if (existing === undefined) {
    const draft: Draft = { purl: entry.purl, entry, inventory, scope: entry.scope, direct: entry.direct, hashes: integrityHashes(entry.integrity), sourceFiles: new Set([inventory.source.path]), dependsOn: new Set(dependsOn) };
    drafts.set(entry.purl, draft);
    return;
  }
  existing.scope = strongerScope(existing.scope, entry.scope);
  existing.direct = mergedDirect(existing.direct, entry.direct);
  existing.sourceFiles.add(inventory.source.path);
  for (const purl of dependsOn) existing.dependsOn.add(purl);
  for (const hash of integrityHashes(entry.integrity)) if (!existing.hashes.some((known) => known.alg === hash.alg)) existing.hashes.push(hash);
}

/** The inventory's entry points: its direct packages, or (when the format does not say) those nothing else depends on. */
function rootsOf(inventory: PackageInventoryArtifact, edges: ReadonlyMap<string, readonly string[]>): string[] {
  const direct = inventory.packages.filter((entry) => entry.direct === true).map((entry) => entry.purl);
  if (direct.length > 0 || inventory.packages.some((entry) => entry.direct === false)) return direct;
  const depended = new Set([...edges.values()].flat());
  return inventory.packages.map((entry) => entry.purl).filter((purl) => !depended.has(purl));
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function finish(draft: Draft): SbomPackage {
  const { entry, inventory } = draft;
  const split = splitName(inventory, entry.name);
  return {
    purl: draft.purl,
    ecosystem: inventory.ecosystem,
    group: split.group,
    name: split.name,
    fullName: entry.name,
    version: entry.version,
    scope: draft.scope,
    direct: draft.direct,
    hashes: [...draft.hashes].sort((a, b) => byString(a.alg, b.alg)),
    sourceFiles: [...draft.sourceFiles].sort(byString),
    skipReason: entry.skipReason,
    sourceName: entry.sourceName,
    sourceVersion: entry.sourceVersion,
    commit: entry.commit,
    dependsOn: [...draft.dependsOn].filter((purl) => purl !== draft.purl).sort(byString),
  };
}

/** Merges inventories into one package per purl, with dependency edges resolved to purls; sorted for stable output. */
export function toSbomModel(inventories: readonly PackageInventoryArtifact[], subject: SbomSubject): SbomModel {
  const drafts = new Map<string, Draft>();
  const roots = new Set<string>();
  for (const inventory of inventories) {
    const byName = entriesByName(inventory);
    const edges = new Map<string, string[]>();
    for (const entry of inventory.packages) {
      const resolved = entry.dependencies.flatMap((edge) => resolveEdge(byName, edge.name, edge.requirement) ?? []);
      edges.set(entry.purl, [...(edges.get(entry.purl) ?? []), ...resolved]);
    }
    for (const entry of inventory.packages) addEntry(drafts, inventory, entry, edges.get(entry.purl) ?? []);
    for (const purl of rootsOf(inventory, edges)) roots.add(purl);
  }
  const packages = [...drafts.values()].map(finish).sort((a, b) => byString(a.purl, b.purl));
  const distribution = inventories.find((inventory) => inventory.distribution !== undefined)?.distribution;
  return { subject, packages, rootDependsOn: [...roots].sort(byString), distribution };
}
