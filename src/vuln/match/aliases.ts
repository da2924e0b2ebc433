// One finding per vulnerability per package: matched records that alias each other (GHSA-x lists
// CVE-y, PYSEC-z lists GHSA-x …) form one group, named by the ecosystem's own record, then the CVE,
// then the lowest id. A distribution's CVE record (DEBIAN-CVE-x, with `upstream: [CVE-x]`) counts its
// upstream ids as aliases. Distribution notices (DSA, DLA, USN …: a record with `upstream` ids and no
// "CVE-" in its own id) join, as an alias, every group of the same package that shares one of their
// upstream ids, instead of becoming a finding of their own.
import type { OsvAffected, OsvRecord } from '../osv.ts';

export interface RecordMatch {
  readonly record: OsvRecord;
  /** The record's `affected` entries that name the package and affect its version. */
  readonly affected: readonly OsvAffected[];
  readonly fixed: readonly string[];
  readonly nearestFixed: string | undefined;
}

export interface VulnerabilityGroup {
  /** The chosen id: always the id of one of the group's records. */
  readonly id: string;
  /** Every other id of the group's records, their aliases and absorbed notices, sorted. */
  readonly aliases: readonly string[];
  /** The group's records, the chosen one first. */
  readonly matches: readonly RecordMatch[];
}

/** Id prefixes of each ecosystem's own databases, most preferred first; then CVE, then the rest. */
const OWN_PREFIXES: Readonly<Record<string, readonly string[]>> = {
  AlmaLinux: ['ALSA-', 'ALBA-', 'ALEA-'],
  Alpine: ['ALPINE-'],
  Debian: ['DEBIAN-'],
  Go: ['GO-', 'GHSA-'],
  Maven: ['GHSA-'],
  NuGet: ['GHSA-'],
  Packagist: ['GHSA-', 'PKSA-'],
  PyPI: ['PYSEC-', 'GHSA-'],
  'Red Hat': ['RHSA-', 'RHBA-', 'RHEA-'],
  'Rocky Linux': ['RLSA-', 'RLBA-', 'RLEA-'],
  RubyGems: ['GHSA-'],
  Ubuntu: ['UBUNTU-'],
  'crates.io': ['RUSTSEC-', 'GHSA-'],
  npm: ['GHSA-'],
};

function rankOf(id: string, prefixes: readonly string[]): number {
  const own = prefixes.findIndex((prefix) => id.startsWith(prefix));
  if (own !== -1) return own;
  return id.startsWith('CVE-') ? prefixes.length : prefixes.length + 1;
}

/** The preferred id among `ids` for `ecosystem` (bare OSV name). */
export function preferredId(ids: readonly string[], ecosystem: string): string | undefined {
  return [...ids].sort((a, b) => compareIds(a, b, ecosystem))[0];
}

function compareIds(a: string, b: string, ecosystem: string): number {
  const prefixes = OWN_PREFIXES[ecosystem] ?? [];
  const byRank = rankOf(a, prefixes) - rankOf(b, prefixes);
  if (byRank !== 0 || a === b) return byRank;
  return a < b ? -1 : 1;
}

/** A record's id and aliases; a distribution's CVE record (`DEBIAN-CVE-x`, `ALPINE-CVE-x`) is also its upstream CVE. */
function idsOf(record: OsvRecord): string[] {
  const upstream = record.id.includes('CVE-') ? (record.upstream ?? []) : [];
  return [record.id, ...(record.aliases ?? []), ...upstream];
}

function isNotice(record: OsvRecord): boolean {
  return (record.upstream ?? []).length > 0 && !record.id.includes('CVE-');
}

/** Groups one package's matched records by aliases (a union-find over ids). */
export function groupMatches(matches: readonly RecordMatch[], ecosystem: string): VulnerabilityGroup[] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    for (let next = parent.get(root); next !== undefined && next !== root; next = parent.get(root)) root = next;
    parent.set(id, root);
    return root;
  };
  for (const match of matches) {
    const [first, ...rest] = idsOf(match.record);
    if (first === undefined) continue;
    if (!parent.has(first)) parent.set(first, first);
    for (const alias of rest) {
      if (!parent.has(alias)) parent.set(alias, alias);
      parent.set(find(alias), find(first));
    }
  }
  const byRoot = new Map<string, RecordMatch[]>();
  for (const match of matches) {
    const root = find(match.record.id);
    byRoot.set(root, [...(byRoot.get(root) ?? []), match]);
  }
  return absorbNotices([...byRoot.values()], ecosystem);
}

function absorbNotices(components: readonly (readonly RecordMatch[])[], ecosystem: string): VulnerabilityGroup[] {
  const notices = components.filter((component) => component.every((match) => isNotice(match.record)));
  const vulnerabilities = components.filter((component) => !notices.includes(component));
  const extra = new Map<readonly RecordMatch[], Set<string>>();
  const kept: (readonly RecordMatch[])[] = [];
  for (const notice of notices) {
    const upstream = new Set(notice.flatMap((match) => match.record.upstream ?? []));
    const targets = vulnerabilities.filter((component) => component.some((match) => [...idsOf(match.record), ...(match.record.upstream ?? [])].some((id) => upstream.has(id))));
    if (targets.length === 0) {
      kept.push(notice);
      continue;
    }
    for (const target of targets) {
      const ids = extra.get(target) ?? new Set<string>();
      for (const match of notice) for (const id of idsOf(match.record)) ids.add(id);
      extra.set(target, ids);
    }
  }
  return [...vulnerabilities, ...kept].map((component) => toGroup(component, extra.get(component) ?? new Set(), ecosystem));
}

function toGroup(component: readonly RecordMatch[], extra: ReadonlySet<string>, ecosystem: string): VulnerabilityGroup {
  const id = preferredId(
    component.map((match) => match.record.id),
    ecosystem,
  );
  const chosen = component.find((match) => match.record.id === id) ?? component[0];
  const all = new Set([...component.flatMap((match) => idsOf(match.record)), ...extra]);
  const chosenId = chosen?.record.id ?? '';
  all.delete(chosenId);
  const rest = component.filter((match) => match !== chosen).sort((a, b) => compareIds(a.record.id, b.record.id, ecosystem));
  return { id: chosenId, aliases: [...all].sort(), matches: chosen === undefined ? rest : [chosen, ...rest] };
}
