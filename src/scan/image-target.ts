import { readFile } from 'node:fs/promises';
import type { Artifact } from '../core/index.ts';
import { isArtifactOf } from '../core/index.ts';
import { scanImageReference } from '../image/index.ts';
import type { TargetModel } from '../policy/index.ts';
import { imageConfigModel, sbomModel } from '../policy/index.ts';
import { readSbom } from '../sbom/index.ts';
import { runRules } from './run-rules.ts';
import type { FileScanResult } from './scan-files.ts';
import type { ScanOptions, ScanSettings } from './settings.ts';
import { displayPath } from './settings.ts';
import { TOOL_VERSION } from './version.ts';

/** What an image or SBOM target yields: files' results plus the models Palisade policies see. */
export interface CollectedTarget extends FileScanResult {
  readonly models: readonly TargetModel[];
}

/**
 * An image: layers streamed from the OCI layout, archive or registry, each layer analysed once
 * (and cached by digest), the image config checked, the final filesystem's packages collected.
 */
export async function collectFromImage(reference: string, options: ScanOptions, settings: ScanSettings): Promise<CollectedTarget> {
  const { result, config } = await scanImageReference(reference, { ...options.image, ...(options.env === undefined ? {} : { env: options.env }) }, {
    rules: settings.rules,
    runRules,
    // A rule's configured options are not visible on the rule, so they go into the cache key here.
    cacheSalt: `${TOOL_VERSION} ${JSON.stringify(settings.ruleOptions)}`,
    maxFileSize: settings.config.maxFileSize,
    limits: { maxLayerBytes: settings.config.maxLayerBytes, maxImageBytes: settings.config.maxImageBytes },
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  return {
    findings: [...result.findings],
    errors: [...result.errors],
    filesScanned: result.layers.reduce((sum, layer) => sum + layer.files, 0),
    notes: new Map(),
    notices: [],
    collected: [...result.artifacts],
    models: result.artifacts.filter((artifact) => isArtifactOf<Artifact>(artifact, 'image-config')).map((artifact) => imageConfigModel(artifact, reference, config)),
  };
}

/** An SBOM (CycloneDX or SPDX, ours or another tool's): its components become package inventories. */
export async function collectFromSbom(file: string, settings: ScanSettings): Promise<CollectedTarget> {
  const content = await readSbom(file, { displayPath: displayPath(settings.root, file) });
  const shown = displayPath(settings.root, file);
  const notices = content.unmatched.length === 0 ? [] : [`${shown}: ${content.unmatched.length} component(s) without a usable purl were not matched against advisories (first: ${describe(content.unmatched[0])}).`];
  const models = settings.scanners.includes('policy') ? await sbomModels(file, content.inventories) : [];
  return { findings: [], errors: [...content.errors], filesScanned: 1, notes: new Map(), notices, collected: [...content.inventories], models };
}

/** The SBOM model of Palisade policies, located at the SBOM file (JSON documents only). */
async function sbomModels(file: string, inventories: readonly Artifact[]): Promise<TargetModel[]> {
  const [first] = inventories;
  if (first === undefined) return [];
  let document: unknown;
  try {
    document = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return [];
  }
  const model = sbomModel(first, document);
  return model === undefined ? [] : [model];
}

function describe(component: { readonly name: string; readonly version: string; readonly line: number; readonly note: string } | undefined): string {
  return component === undefined ? '' : `${component.name}@${component.version} at line ${component.line}: ${component.note}`;
}
