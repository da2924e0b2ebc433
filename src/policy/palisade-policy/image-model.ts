import type { Artifact } from '../../core/index.ts';
import type { ImageConfigFile } from '../../image/index.ts';
import type { ModelValue, TargetModel } from './model.ts';

/** The image config the `ImageConfig` model reads: the image area's type (an OCI image config). */
export type ImageConfigInput = ImageConfigFile;

/**
 * The `ImageConfig` model: the image reference, platform, user, environment (a map), entrypoint,
 * command, working directory, exposed ports, labels, health check, volumes, layer count and history.
 */
export function imageConfigModel(artifact: Artifact, reference: string, input: ImageConfigInput): TargetModel {
  const config = input.config ?? {};
  const env: Record<string, string> = {};
  for (const entry of config.Env ?? []) {
    const equals = entry.indexOf('=');
    env[equals === -1 ? entry : entry.slice(0, equals)] = equals === -1 ? '' : entry.slice(equals + 1);
  }
  const value = {
    reference,
    os: input.os ?? null,
    architecture: input.architecture ?? null,
    created: input.created ?? null,
    user: config.User ?? '',
    env,
    entrypoint: [...(config.Entrypoint ?? [])],
    cmd: [...(config.Cmd ?? [])],
    workingDir: config.WorkingDir ?? '',
    exposedPorts: Object.keys(config.ExposedPorts ?? {}).map((key) => {
      const [port = key, protocol = 'tcp'] = key.split('/', 2);
      return { port, protocol };
    }),
    labels: { ...(config.Labels ?? {}) },
    healthcheck: config.Healthcheck === undefined ? null : { test: [...(config.Healthcheck.Test ?? [])] },
    volumes: Object.keys(config.Volumes ?? {}),
    layers: input.rootfs?.diff_ids.length ?? 0,
    history: (input.history ?? []).map((entry) => ({ createdBy: entry.created_by ?? '', emptyLayer: entry.empty_layer === true })),
  };
  return { target: 'ImageConfig', artifact, value, ranges: new Map() };
}

/**
 * The `SBOM` model, from a CycloneDX or SPDX JSON document: format, spec version, name and
 * components (name, version, purl, type, licence ids). Undefined when the document is neither.
 */
export function sbomModel(artifact: Artifact, document: unknown): TargetModel | undefined {
  if (!isRecord(document)) return undefined;
  if (document['bomFormat'] === 'CycloneDX') {
    const metadata = isRecord(document['metadata']) && isRecord(document['metadata']['component']) ? document['metadata']['component'] : {};
    const value = { format: 'CycloneDX', specVersion: text(document['specVersion']), name: text(metadata['name']), components: records(document['components']).map(cycloneDxComponent) };
    return { target: 'SBOM', artifact, value, ranges: new Map() };
  }
  if (typeof document['spdxVersion'] === 'string') {
    const value = { format: 'SPDX', specVersion: document['spdxVersion'], name: text(document['name']), components: records(document['packages']).map(spdxPackage) };
    return { target: 'SBOM', artifact, value, ranges: new Map() };
  }
  return undefined;
}

function cycloneDxComponent(component: Readonly<Record<string, unknown>>): { readonly [key: string]: ModelValue } {
  const licenses = records(component['licenses']).flatMap((entry) => {
    const license = isRecord(entry['license']) ? entry['license'] : {};
    const id = license['id'] ?? license['name'] ?? entry['expression'];
    return typeof id === 'string' ? [id] : [];
  });
  return { name: text(component['name']), version: text(component['version']), purl: text(component['purl']), type: text(component['type']), licenses };
}

function spdxPackage(entry: Readonly<Record<string, unknown>>): { readonly [key: string]: ModelValue } {
  const purl = records(entry['externalRefs']).find((ref) => ref['referenceType'] === 'purl')?.['referenceLocator'];
  const license = entry['licenseConcluded'] ?? entry['licenseDeclared'];
  const licenses = typeof license === 'string' && license !== 'NOASSERTION' && license !== 'NONE' ? [license] : [];
  return { name: text(entry['name']), version: text(entry['versionInfo']), purl: text(purl), type: text(entry['primaryPackagePurpose']).toLowerCase(), licenses };
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function records(value: unknown): Readonly<Record<string, unknown>>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
