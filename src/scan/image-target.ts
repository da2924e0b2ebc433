import type { ScanOptions, ScanSettings } from './settings.ts';
import { displayPath } from './settings.ts';
import { PalisadeError } from '../core/index.ts';
import type { FileScanResult } from './scan-files.ts';
import { runRules } from './run-rules.ts';
import { TOOL_VERSION } from './version.ts';
import { defaultCachePath, openImage, openLayerCache, parsePlatform, scanImage } from '../image/index.ts';
import { readSbom } from '../sbom/index.ts';

/**
 * An image: layers streamed from the OCI layout, archive or registry, each layer analysed once
 * (and cached by digest), the image config checked, the final filesystem's packages collected.
 */
export async function collectFromImage(reference: string, options: ScanOptions, settings: ScanSettings): Promise<FileScanResult> {
  const env = options.env ?? process.env;
  const platform = platformOf(options.image?.platform);
  const source = await openImage(reference, {
    ...(platform === undefined ? {} : { platform }),
    ...(options.image?.caFile === undefined ? {} : { caFile: options.image.caFile }),
    ...(options.image?.insecureRegistries === undefined ? {} : { insecureRegistries: options.image.insecureRegistries }),
    env,
  });
  const cache = options.image?.noCache === true ? undefined : openLayerCache(defaultCachePath(env));
  try {
    const result = await scanImage(source, {
      rules: settings.rules,
      runRules,
      ...(cache === undefined ? {} : { cache }),
      // A rule's configured options are not visible on the rule, so they go into the cache key here.
      cacheSalt: `${TOOL_VERSION} ${JSON.stringify(settings.ruleOptions)}`,
      maxFileSize: settings.config.maxFileSize,
      ...(options.now === undefined ? {} : { now: options.now }),
    });
    return {
      findings: [...result.findings],
      errors: [...result.errors],
      filesScanned: result.layers.reduce((sum, layer) => sum + layer.files, 0),
      notes: new Map(),
      notices: [],
      collected: [...result.artifacts],
    };
  } finally {
    cache?.close();
    await source.close();
  }
}

function platformOf(text: string | undefined): ReturnType<typeof parsePlatform> | undefined {
  if (text === undefined) return undefined;
  const platform = parsePlatform(text);
  if (platform === undefined) throw new PalisadeError('USAGE', `--platform must be os/arch[/variant], such as linux/amd64 or linux/arm64/v8 (got "${text}")`);
  return platform;
}

/** An SBOM (CycloneDX or SPDX, ours or another tool's): its components become package inventories. */
export async function collectFromSbom(file: string, settings: ScanSettings): Promise<FileScanResult> {
  const content = await readSbom(file, { displayPath: displayPath(settings.root, file) });
  const shown = displayPath(settings.root, file);
  const notices = content.unmatched.length === 0 ? [] : [`${shown}: ${content.unmatched.length} component(s) without a usable purl were not matched against advisories (first: ${describe(content.unmatched[0])}).`];
  return { findings: [], errors: [...content.errors], filesScanned: 1, notes: new Map(), notices, collected: [...content.inventories] };
}

function describe(component: { readonly name: string; readonly version: string; readonly line: number; readonly note: string } | undefined): string {
  return component === undefined ? '' : `${component.name}@${component.version} at line ${component.line}: ${component.note}`;
}
