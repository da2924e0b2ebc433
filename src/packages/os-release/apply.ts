import type { Distribution, PackageEcosystem, PackageInventoryArtifact } from '../model.ts';
import { createPackageInventory } from '../model.ts';
import { withPurlNamespace, withPurlQualifier } from '../purl.ts';
import { distroQualifier } from './parse.ts';

/** OSV ecosystem per os-release ID, for the package databases this area reads. */
const ECOSYSTEMS = {
  debian: 'Debian',
  ubuntu: 'Ubuntu',
  alpine: 'Alpine',
  rhel: 'Red Hat',
  centos: 'Red Hat',
  rocky: 'Rocky Linux',
  almalinux: 'AlmaLinux',
} as const satisfies Record<string, PackageEcosystem>;

const ECOSYSTEM_BY_ID: ReadonlyMap<string, PackageEcosystem> = new Map(Object.entries(ECOSYSTEMS));

function ecosystemOf(id: string, fallback: PackageEcosystem): PackageEcosystem {
  return ECOSYSTEM_BY_ID.get(id) ?? fallback;
}

/**
 * An OS package inventory (dpkg, apk, rpm) qualified by the image's distribution: the OSV
 * ecosystem named by os-release, the purl namespace set to the distribution ID, and a `distro`
 * qualifier (`debian-12`, `alpine-3.20.3`). Other inventories are returned unchanged.
 */
export function applyDistribution(inventory: PackageInventoryArtifact, distribution: Distribution): PackageInventoryArtifact {
  const osFormats = new Set(['dpkg-status', 'apk-installed', 'rpmdb-sqlite']);
  if (!osFormats.has(inventory.format)) return inventory;
  const hadNamespace = inventory.format !== 'rpmdb-sqlite';
  const qualifier = distroQualifier(distribution);
  const packages = inventory.packages.map((entry) => ({
    ...entry,
    purl: withPurlQualifier(withPurlNamespace(entry.purl, distribution.id, hadNamespace), 'distro', qualifier),
  }));
  return createPackageInventory(inventory.source, {
    ecosystem: ecosystemOf(distribution.id, inventory.ecosystem),
    format: inventory.format,
    packages,
    includes: inventory.includes,
    distribution,
  });
}
