import type { Finding, Severity } from '../../core/index.ts';
import type { PackageInventoryArtifact } from '../../packages/index.ts';
import type { TargetModel } from './model.ts';
import { RangeRecorder } from './model.ts';

/** A known vulnerability of one package of an inventory (from the vulnerability matcher). */
export interface PolicyVulnerability {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly severity: Severity;
  readonly packageName: string;
  readonly packageVersion: string;
  readonly purl: string;
  readonly fixedVersions: readonly string[];
  readonly cvssScore: number | undefined;
}

/**
 * The `PackageInventory` model: ecosystem, format, distribution, the packages (each with the ids and
 * severities of its vulnerabilities) and the flat list of vulnerabilities.
 */
export function packageInventoryModel(artifact: PackageInventoryArtifact, vulnerabilities: readonly PolicyVulnerability[] = []): TargetModel {
  const recorder = new RangeRecorder();
  const packages = artifact.packages.map((entry, index) => {
    recorder.set(`/packages/${index}`, entry.range);
    const own = vulnerabilities.filter((vulnerability) => vulnerability.purl === entry.purl || (vulnerability.packageName === entry.name && vulnerability.packageVersion === entry.version));
    return {
      name: entry.name,
      version: entry.version,
      purl: entry.purl,
      scope: entry.scope ?? null,
      direct: entry.direct ?? null,
      skipReason: entry.skipReason ?? null,
      vulnerabilities: own.map((vulnerability) => ({ id: vulnerability.id, severity: vulnerability.severity })),
    };
  });
  const flat = vulnerabilities.map((vulnerability, index) => {
    const at = artifact.packages.findIndex((entry) => entry.purl === vulnerability.purl);
    recorder.set(`/vulnerabilities/${index}`, artifact.packages[at]?.range);
    return {
      id: vulnerability.id,
      aliases: [...vulnerability.aliases],
      severity: vulnerability.severity,
      package: vulnerability.packageName,
      version: vulnerability.packageVersion,
      purl: vulnerability.purl,
      fixedVersions: [...vulnerability.fixedVersions],
      cvssScore: vulnerability.cvssScore ?? null,
    };
  });
  const distribution = artifact.distribution === undefined ? null : { id: artifact.distribution.id, versionId: artifact.distribution.versionId };
  const value = { path: artifact.source.path, ecosystem: artifact.ecosystem, format: artifact.format, distribution, packages, vulnerabilities: flat };
  return { target: 'PackageInventory', artifact, value, ranges: recorder.ranges };
}

/** The vulnerability findings about packages of `artifact` (same file), as policy inputs. */
export function vulnerabilitiesOf(artifact: PackageInventoryArtifact, findings: readonly Finding[]): PolicyVulnerability[] {
  return findings.flatMap((finding) => {
    if (finding.kind !== 'vulnerability' || finding.package === undefined || finding.vulnerability === undefined) return [];
    if (finding.location.path !== artifact.source.path) return [];
    return [
      {
        id: finding.vulnerability.id,
        aliases: finding.vulnerability.aliases,
        severity: finding.severity,
        packageName: finding.package.name,
        packageVersion: finding.package.version,
        purl: finding.package.purl,
        fixedVersions: finding.vulnerability.fixedVersions,
        cvssScore: finding.vulnerability.cvss?.score,
      },
    ];
  });
}
