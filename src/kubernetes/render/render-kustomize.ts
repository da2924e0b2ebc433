import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import type { ScanError } from '../../core/index.ts';
import { createSourceDocument } from '../../core/index.ts';
import type { JsonObject, JsonValue } from '../json.ts';
import { isJsonArray, isJsonObject, objectAt, stringAt, toJsonValue } from '../json.ts';
import { loadManifests } from '../load.ts';
import type { KubernetesObjectArtifact } from '../model.ts';
import type { PlacedObject } from './artifact.ts';
import { createRenderedArtifact } from './artifact.ts';
import type { Kustomization } from './kustomize.ts';
import { closure, lineOfKey } from './kustomize.ts';
import type { SourceCache } from './sources.ts';
import { matchingObject } from './sources.ts';
import { runTool } from './tools.ts';

const ORIGIN = 'config.kubernetes.io/origin';
const TRANSFORMATIONS = 'alpha.config.kubernetes.io/transformations';
const PATCH_TRANSFORMERS = new Set(['PatchTransformer', 'PatchStrategicMergeTransformer', 'PatchJson6902Transformer']);

export interface KustomizeRun {
  readonly artifacts: KubernetesObjectArtifact[];
  readonly covered: Set<string>;
  readonly errors: ScanError[];
}

/**
 * Renders one top-level kustomization with `kubectl kustomize`, through a temporary wrapper
 * kustomization (outside the user's tree) that asks for origin and transformer annotations, and
 * maps every rendered object back to the files it came from.
 */
export function renderKustomization(kubectl: string, root: string, target: Kustomization, all: readonly Kustomization[], sources: SourceCache, timeoutMs: number): KustomizeRun {
  const run: KustomizeRun = { artifacts: [], covered: new Set(), errors: [] };
  const wrapper = mkdtempSync(join(tmpdir(), 'palisade-kustomize-'));
  let output: ReturnType<typeof runTool>;
  try {
    const resource = relative(wrapper, join(root, target.dir)).split(sep).join('/');
    writeFileSync(join(wrapper, 'kustomization.yaml'), `resources:\n  - ${JSON.stringify(resource)}\nbuildMetadata: [originAnnotations, transformerAnnotations]\n`);
    output = runTool(kubectl, ['kustomize', '--load-restrictor', 'LoadRestrictionsNone', wrapper], { cwd: wrapper, timeoutMs });
  } finally {
    rmSync(wrapper, { recursive: true, force: true });
  }
  const label = target.dir === '' ? '.' : target.dir;
  if (!output.ok) {
    run.errors.push({ path: target.file, code: 'PARSE_FAILED', message: `kubectl kustomize ${label} failed: ${output.reason}; its files were scanned one by one` });
    return run;
  }
  const involved = closure(target, all);
  for (const kustomization of involved) {
    run.covered.add(kustomization.file);
    for (const file of kustomization.patchFiles) run.covered.add(file);
  }
  const rendered = loadManifests(createSourceDocument(`${target.file} (rendered)`, output.stdout));
  const toTree = (path: string): string | undefined => treePath(root, resolve(wrapper, path));
  rendered.objects.forEach((loaded, index) => {
    const annotations = objectAt(objectAt(loaded.object, 'metadata') ?? {}, 'annotations') ?? {};
    const parsedOrigin = parseAnnotation(annotations[ORIGIN]);
    const origin = parsedOrigin !== undefined && isJsonObject(parsedOrigin) ? parsedOrigin : undefined;
    const transformations = parseAnnotation(annotations[TRANSFORMATIONS]);
    const object = withoutBuildAnnotations(loaded.object);
    const originPath = origin === undefined || stringAt(origin, 'repo') !== undefined ? undefined : stringAt(origin, 'path');
    const resourcePath = originPath === undefined ? undefined : toTree(originPath);
    if (resourcePath !== undefined) run.covered.add(resourcePath);
    const resourceSource = resourcePath === undefined ? undefined : sources.get(resourcePath);
    const resourceObject = resourceSource === undefined ? undefined : matchingObject(resourceSource, object);
    const patchedIn = patchKustomizations(transformations).flatMap((path) => {
      const tree = toTree(path);
      return tree === undefined ? [] : [tree];
    });
    const patches = involved
      .filter((kustomization) => patchedIn.includes(kustomization.file))
      .flatMap((kustomization) => kustomization.patchFiles)
      .flatMap((file) => placedIn(sources, file, object))
      .reverse();
    const generatedIn = origin === undefined ? undefined : stringAt(origin, 'configuredIn');
    const configuredFile = (generatedIn === undefined ? undefined : toTree(generatedIn)) ?? patchedIn.at(-1) ?? target.file;
    const configured = sources.get(configuredFile)?.document ?? createSourceDocument(configuredFile, '');
    const generated = originPath === undefined;
    const line = lineOfKey(configured.text, generated ? ['configMapGenerator', 'secretGenerator', 'resources'] : ['patches', 'patchesStrategicMerge', 'patchesJson6902']);
    run.artifacts.push(
      createRenderedArtifact(object, index, {
        resource: resourceSource !== undefined && resourceObject !== undefined ? { document: resourceSource.document, object: resourceObject } : undefined,
        patches,
        configuredIn: { document: configured, line },
        patched: patchedIn.length > 0,
        via: `kustomize ${label}`,
      }),
    );
  });
  run.errors.push(...rendered.errors.map((error) => ({ ...error, path: target.file, message: `kubectl kustomize ${label} output: ${error.message}` })));
  return run;
}

function placedIn(sources: SourceCache, file: string, rendered: JsonObject): PlacedObject[] {
  const source = sources.get(file);
  const object = source === undefined ? undefined : matchingObject(source, rendered);
  return source === undefined || object === undefined ? [] : [{ document: source.document, object }];
}

/** The kustomization files (as written in the annotation) that applied a patch. */
function patchKustomizations(transformations: JsonObject | readonly JsonValue[] | undefined): string[] {
  if (transformations === undefined || !isJsonArray(transformations)) return [];
  return transformations.flatMap((entry) => {
    if (!isJsonObject(entry)) return [];
    const kind = stringAt(objectAt(entry, 'configuredBy') ?? {}, 'kind');
    const configuredIn = stringAt(entry, 'configuredIn');
    return kind !== undefined && PATCH_TRANSFORMERS.has(kind) && configuredIn !== undefined ? [configuredIn] : [];
  });
}

function parseAnnotation(value: unknown): JsonObject | readonly JsonValue[] | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const parsed = toJsonValue(parse(value));
    return isJsonObject(parsed) || isJsonArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The rendered object without the annotations the wrapper asked for. */
function withoutBuildAnnotations(object: JsonObject): JsonObject {
  const metadata = objectAt(object, 'metadata');
  const annotations = metadata === undefined ? undefined : objectAt(metadata, 'annotations');
  if (metadata === undefined || annotations === undefined) return object;
  const kept = Object.fromEntries(Object.entries(annotations).filter(([key]) => key !== ORIGIN && key !== TRANSFORMATIONS));
  const { annotations: _dropped, ...rest } = metadata;
  return { ...object, metadata: Object.keys(kept).length === 0 ? rest : { ...rest, annotations: kept } };
}

/** A path relative to the scan root with `/` separators, or undefined outside the root. */
function treePath(root: string, absolute: string): string | undefined {
  const path = relative(root, absolute);
  if (path === '' || path.startsWith('..') || isAbsolute(path)) return undefined;
  return path.split(sep).join('/');
}

