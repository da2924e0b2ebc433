import { assertNever } from '../core/errors.ts';
import type { PackageInventoryArtifact } from '../packages/index.ts';
import { TOOL_VERSION } from '../scan/version.ts';
import { toSbomModel } from './components.ts';
import { hasUniqueBomRefs, writeCycloneDxJson } from './cyclonedx-json.ts';
import type { BuildOptions, SbomFormat, SbomSubject } from './model.ts';
import { randomUuid } from './uuid.ts';

/**
 * Writes the SBOM of some package inventories (a directory's, an image's): one component per unique
 * purl, sorted, with dependency edges, scope, hashes and where each package was found. Equal inputs
 * give equal documents except for the timestamp and the serial number / namespace (both injectable).
 */
export async function buildSbom(inventories: readonly PackageInventoryArtifact[], subject: SbomSubject, format: SbomFormat, options: BuildOptions = {}): Promise<string> {
  const model = toSbomModel(inventories, subject);
  const header = { timestamp: options.timestamp ?? new Date(), uuid: options.uuid ?? (await randomUuid()), toolVersion: options.toolVersion ?? TOOL_VERSION };
  switch (format) {
    case 'spdx-json':
      return (await import('./spdx.ts')).spdxJson(model, header);
    case 'cyclonedx-json':
      // The library (loaded only here) when a bom-ref would need its discriminator.
      return hasUniqueBomRefs(model) ? writeCycloneDxJson(model, header) : (await import('./cyclonedx.ts')).cycloneDxJson(model, header);
    case 'cyclonedx-xml':
      return (await import('./cyclonedx.ts')).cycloneDxXml(model, header);
    default:
      return assertNever(format, 'SBOM format');
  }
}
