// Builds the core Finding for one vulnerability group of one package.
import type { Finding, PackageRef, Severity, VulnerabilityRef } from '../../core/index.ts';
import { fingerprint } from '../../core/index.ts';
import type { PackageEntry, PackageInventoryArtifact } from '../../packages/index.ts';
import type { OsvRecord } from '../osv.ts';
import type { VulnerabilityGroup } from './aliases.ts';
import type { PackageQuery } from './identity.ts';
import type { SeverityVerdict } from './severity.ts';

export const VULNERABILITY_COMPLIANCE: readonly string[] = Object.freeze(['nist-800-190:4.1.1', 'pci-dss-4.0:6.3.3']);

/** A finding slug from a vulnerability id: `GHSA-jf85-cpcp-j695` → `ghsa-jf85-cpcp-j695`. */
export function slugifyId(id: string): string {
  const slug = id
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'vulnerability' : slug;
}

/** The advisory's first ADVISORY (else WEB) reference with an https URL, else its osv.dev page. */
export function helpUriOf(record: OsvRecord): string {
  const references = record.references ?? [];
  const https = (type: string): string | undefined => references.find((reference) => reference.type === type && reference.url.startsWith('https://'))?.url;
  return https('ADVISORY') ?? https('WEB') ?? `https://osv.dev/vulnerability/${encodeURIComponent(record.id.toWellFormed())}`;
}

export interface FindingInput {
  readonly inventory: PackageInventoryArtifact;
  readonly entry: PackageEntry;
  readonly query: PackageQuery;
  readonly group: VulnerabilityGroup;
  readonly severity: SeverityVerdict;
  readonly fixedVersions: readonly string[];
  readonly nearestFixed: string | undefined;
}

function packageLabel(input: FindingInput): string {
  const { entry, query } = input;
  if (!query.viaSource) return `${entry.name} ${entry.version}`;
  return `${entry.name} ${entry.version} (source package ${query.names[0] ?? entry.name} ${query.version})`;
}

function upgradeTarget(input: FindingInput): string {
  const { entry, query } = input;
  const source = query.names[0] ?? entry.name;
  return query.viaSource && source !== entry.name ? `${entry.name} (source package ${source})` : entry.name;
}

function summaryOf(group: VulnerabilityGroup): string | undefined {
  for (const match of group.matches) {
    const summary = match.record.summary?.trim();
    if (summary !== undefined && summary !== '') return summary.length > 200 ? `${summary.slice(0, 200)}…` : summary;
  }
  return undefined;
}

export function buildFinding(input: FindingInput): Finding {
  const { inventory, entry, group, severity, nearestFixed } = input;
  const summary = summaryOf(group);
  const fix = nearestFixed === undefined ? 'no fixed version is known' : `fixed in ${nearestFixed}`;
  const record = group.matches[0]?.record;
  const packageRef: PackageRef = { name: entry.name, version: entry.version, ecosystem: inventory.ecosystem, purl: entry.purl };
  const vulnerability: VulnerabilityRef = {
    id: group.id,
    aliases: group.aliases,
    fixedVersions: input.fixedVersions,
    ...(severity.cvss === undefined ? {} : { cvss: severity.cvss }),
  };
  const level: Severity = severity.severity;
  return {
    ruleId: group.id,
    slug: slugifyId(group.id),
    messageId: 'affected',
    aliases: [],
    kind: 'vulnerability',
    severity: level,
    title: summary ?? group.id,
    message: `${packageLabel(input)} is affected by ${group.id}${summary === undefined ? '' : ` (${summary})`}; ${fix}.`,
    location: inventory.locate({ range: entry.range }),
    compliance: VULNERABILITY_COMPLIANCE,
    fingerprint: fingerprint([group.id, entry.purl]),
    remediation:
      nearestFixed === undefined
        ? `No fixed version of ${upgradeTarget(input)} is known for ${group.id}: remove or replace the package, or record an exception with a reason.`
        : `Upgrade ${upgradeTarget(input)} to ${nearestFixed} or later.`,
    helpUri: record === undefined ? `https://osv.dev/vulnerability/${encodeURIComponent(group.id.toWellFormed())}` : helpUriOf(record),
    package: packageRef,
    vulnerability,
  };
}
