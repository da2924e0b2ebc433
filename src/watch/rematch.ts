import type { Finding } from '../core/index.ts';
import { createSourceDocument } from '../core/index.ts';
import type { SbomContent } from '../sbom/index.ts';
import { parseSbom } from '../sbom/index.ts';
import type { PackageEntry, PackageInventoryArtifact } from '../packages/index.ts';
import { createPackageInventory } from '../packages/index.ts';
import type { AdvisorySource } from '../vuln/index.ts';
import { CvssCalculator, VersionCache, vulnerabilityFindings } from '../vuln/index.ts';
import type { AlertKey, NewAlert, StoredAlert, WatchStore } from './store.ts';
import { alertId } from './store.ts';

/** A new vulnerability in a stored image, with what a person needs to act on it. */
export interface Alert extends AlertKey {
  readonly severity: string;
  readonly firstSeen: string;
  readonly title: string;
  readonly message: string;
  readonly fixedVersions: readonly string[];
  /** `repo:tag` references last seen pointing at the digest. */
  readonly references: readonly string[];
  /** `namespace/workload` where the digest runs now (empty: only in the registry), when the cluster is watched. */
  readonly runningIn?: readonly string[];
}

export interface MatchResult {
  /** Vulnerabilities matched (old and new), one per digest, vulnerability and package. */
  readonly candidates: readonly NewAlert[];
  /** Images whose stored SBOM could not be read (named, the others still matched). */
  readonly problems: readonly string[];
}

export interface RematchResult {
  readonly images: number;
  /** Vulnerabilities matched in all stored images (old and new). */
  readonly matched: number;
  /** Only the ones never reported before. */
  readonly alerts: readonly Alert[];
  readonly problems: readonly string[];
}

/**
 * Matches every stored SBOM against the advisories, without pulling any image, and records the
 * matches: the result holds only the alerts not raised by an earlier run (or another watcher sharing
 * the store), so the same advisory imported twice alerts once. (Recorded alerts also wait in the
 * store's outbox: `deliverPending` sends them.)
 */
export async function rematch(store: WatchStore, source: AdvisorySource, now: Date, running?: ReadonlyMap<string, readonly string[]>): Promise<RematchResult> {
  const digests = await store.digests();
  const result = await rematchDigests(store, digests, source, now);
  return { images: digests.length, matched: result.matched, alerts: await describeAlerts(store, result.added, running), problems: result.problems };
}

/** One chunk of the re-match (a queue job's work): these digests' SBOMs, matched and recorded. */
export async function rematchDigests(store: WatchStore, digests: readonly string[], source: AdvisorySource, now: Date): Promise<{ matched: number; added: StoredAlert[]; problems: readonly string[] }> {
  const match = matchSboms(await store.sboms(digests), source);
  const added = await store.addAlerts(match.candidates, now);
  return { matched: match.candidates.length, added, problems: match.problems };
}

/** Adds what the store knows at delivery time: the references and where each digest runs. */
export async function describeAlerts(store: WatchStore, alerts: readonly StoredAlert[], running?: ReadonlyMap<string, readonly string[]>): Promise<Alert[]> {
  const references = new Map<string, string[]>();
  const described: Alert[] = [];
  for (const alert of alerts) {
    const refs = references.get(alert.digest) ?? (await store.referencesOf(alert.digest));
    references.set(alert.digest, refs);
    described.push({
      digest: alert.digest,
      vulnerability: alert.vulnerability,
      package: alert.package,
      severity: alert.severity,
      firstSeen: alert.firstSeen,
      title: alert.details.title === '' ? alert.vulnerability : alert.details.title,
      message: alert.details.message,
      fixedVersions: alert.details.fixedVersions,
      references: refs,
      ...(running === undefined ? {} : { runningIn: running.get(alert.digest) ?? [] }),
    });
  }
  return described;
}

/** Matches SBOMs (digest → CycloneDX or SPDX JSON); each distinct package is matched once. */
export function matchSboms(sboms: ReadonlyMap<string, string>, source: AdvisorySource): MatchResult {
  const problems: string[] = [];
  const groups = new Map<string, PackageGroup>();
  for (const [digest, text] of sboms) {
    let content: SbomContent;
    try {
      content = parseSbom(createSourceDocument(`sbom:${digest}`, text));
    } catch (error) {
      problems.push(`${digest}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    if (content.errors.length > 0) problems.push(`${digest}: ${content.errors[0]?.message ?? 'unreadable SBOM'}`);
    for (const inventory of content.inventories) addToGroup(groups, inventory, digest);
  }
  // Each distinct package is matched once, however many images hold it (images share base layers).
  const options = { cvss: new CvssCalculator(), versions: new VersionCache() };
  const found = new Map<string, NewAlert>();
  for (const group of groups.values()) {
    const { distribution } = group.template;
    const inventory = createPackageInventory(group.template.source, { ecosystem: group.template.ecosystem, format: group.template.format, packages: [...group.entries.values()], ...(distribution === undefined ? {} : { distribution }) });
    for (const finding of vulnerabilityFindings(inventory, source, options).findings) {
      if (finding.kind !== 'vulnerability') continue;
      for (const digest of group.owners.get(packageOf(finding)) ?? []) {
        const alert = candidate(digest, finding);
        if (!found.has(alertId(alert))) found.set(alertId(alert), alert);
      }
    }
  }
  return { candidates: [...found.values()], problems };
}

function candidate(digest: string, finding: Finding): NewAlert {
  return {
    digest,
    vulnerability: finding.vulnerability?.id ?? finding.ruleId,
    package: packageOf(finding),
    severity: finding.severity,
    details: { title: finding.title, message: finding.message, fixedVersions: finding.vulnerability?.fixedVersions ?? [] },
  };
}

/** The distinct packages of one ecosystem and distribution across all images, and which images hold each. */
interface PackageGroup {
  readonly template: PackageInventoryArtifact;
  readonly entries: Map<string, PackageEntry>;
  /** Package identity (purl) → digests. */
  readonly owners: Map<string, Set<string>>;
}

function addToGroup(groups: Map<string, PackageGroup>, inventory: PackageInventoryArtifact, digest: string): void {
  const distribution = inventory.distribution === undefined ? '' : `${inventory.distribution.id}:${inventory.distribution.versionId}`;
  const groupKey = `${inventory.ecosystem}\u0000${distribution}`;
  let group = groups.get(groupKey);
  if (group === undefined) {
    group = { template: inventory, entries: new Map(), owners: new Map() };
    groups.set(groupKey, group);
  }
  for (const entry of inventory.packages) {
    const identity = entry.purl === '' ? `${inventory.ecosystem}/${entry.name}@${entry.version}` : entry.purl;
    const entryKey = `${identity}\u0000${entry.sourceName ?? ''}\u0000${entry.sourceVersion ?? ''}\u0000${entry.scope ?? ''}\u0000${entry.skipReason ?? ''}`;
    if (!group.entries.has(entryKey)) group.entries.set(entryKey, entry);
    const owners = group.owners.get(identity) ?? new Set<string>();
    owners.add(digest);
    group.owners.set(identity, owners);
  }
}

function packageOf(finding: Finding): string {
  const pkg = finding.package;
  if (pkg === undefined) return finding.location.path;
  return pkg.purl === '' ? `${pkg.ecosystem}/${pkg.name}@${pkg.version}` : pkg.purl;
}
