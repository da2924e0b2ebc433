import type { Analyzer, Artifact, Location, ReportTarget, SourceDocument, SourceRange } from '../../core/index.ts';
import { defineAnalyzer, locationFromRange, parseJsonPointer, toJsonPointer } from '../../core/index.ts';
import type { JsonNode } from './json-positions.ts';
import { nodeAt, parseJsonWithPositions } from './json-positions.ts';

export interface ConfigPair {
  readonly name: string;
  readonly value: string;
  /** JSON pointer of the pair's value (`/config/Env/2`, `/config/Labels/team`). */
  readonly pointer: string;
}

/** The fields of an OCI image config the rules read, type-checked (a field of the wrong type reads as absent). */
export interface ImageConfigView {
  /** `created`, as written. */
  readonly created: string | undefined;
  readonly user: string | undefined;
  readonly env: readonly ConfigPair[];
  readonly labels: readonly ConfigPair[];
  /** `ExposedPorts` keys (`22/tcp`, `8080`). */
  readonly exposedPorts: readonly { readonly port: string; readonly pointer: string }[];
  /** `Healthcheck.Test` (`["NONE"]` disables a check inherited from the base image). */
  readonly healthcheck: { readonly test: readonly string[]; readonly pointer: string } | undefined;
}

/** An image's config (OCI image-spec `config` JSON) with positions, read by the `image-config` rules. */
export interface ImageConfigArtifact extends Artifact {
  readonly kind: 'image-config';
  readonly config: ImageConfigView;
  /** When the image was inspected (ISO 8601): rules measure the image's age against it. */
  readonly inspectedAt: string;
  /** The range of an object member's key (`/config/ExposedPorts/22~1tcp` → `"22/tcp"`), when it exists. */
  keyRange(pointer: string): SourceRange | undefined;
}

export interface ImageConfigOptions {
  /** Default: the current time. */
  readonly inspectedAt?: string;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(node: JsonNode | undefined): string | undefined {
  return typeof node?.value === 'string' ? node.value : undefined;
}

function envPairs(node: JsonNode | undefined): ConfigPair[] {
  return (node?.items ?? []).flatMap((item, index) => {
    if (typeof item.value !== 'string') return [];
    const equals = item.value.indexOf('=');
    const name = equals === -1 ? item.value : item.value.slice(0, equals);
    const value = equals === -1 ? '' : item.value.slice(equals + 1);
    return [{ name, value, pointer: toJsonPointer(['config', 'Env', index]) }];
  });
}

function labelPairs(node: JsonNode | undefined): ConfigPair[] {
  return [...(node?.members ?? new Map<string, JsonNode>())].flatMap(([name, member]) =>
    typeof member.value === 'string' ? [{ name, value: member.value, pointer: toJsonPointer(['config', 'Labels', name]) }] : [],
  );
}

function healthcheckOf(node: JsonNode | undefined): ImageConfigView['healthcheck'] {
  const test = node?.members?.get('Test');
  if (test === undefined || !Array.isArray(test.value)) return undefined;
  return { test: test.value.filter((part): part is string => typeof part === 'string'), pointer: '/config/Healthcheck/Test' };
}

function viewOf(root: JsonNode): ImageConfigView {
  const config = root.members?.get('config');
  const member = (name: string): JsonNode | undefined => (config !== undefined && isRecord(config.value) ? config.members?.get(name) : undefined);
  const ports = member('ExposedPorts');
  return {
    created: text(root.members?.get('created')),
    user: text(member('User')),
    env: envPairs(member('Env')),
    labels: labelPairs(member('Labels')),
    exposedPorts: [...(ports?.members?.keys() ?? [])].map((port) => ({ port, pointer: toJsonPointer(['config', 'ExposedPorts', port]) })),
    healthcheck: healthcheckOf(member('Healthcheck')),
  };
}

/**
 * The range a pointer names: the value when it exists; for a missing field, the key of its nearest
 * existing ancestor (the document's first character when none exists).
 */
function rangeOf(source: SourceDocument, root: JsonNode, pointer: string): SourceRange {
  const segments = parseJsonPointer(pointer);
  const node = nodeAt(root, segments);
  if (node !== undefined) return source.lines.rangeOf(node.start, node.end);
  for (let length = segments.length - 1; length > 0; length -= 1) {
    const ancestor = nodeAt(root, segments.slice(0, length));
    if (ancestor?.keyStart !== undefined && ancestor.keyEnd !== undefined) return source.lines.rangeOf(ancestor.keyStart, ancestor.keyEnd);
  }
  return source.lines.rangeOf(root.start, root.start + 1);
}

export function createImageConfigArtifact(source: SourceDocument, root: JsonNode, options: ImageConfigOptions = {}): ImageConfigArtifact {
  return Object.freeze({
    kind: 'image-config',
    source,
    config: viewOf(root),
    inspectedAt: options.inspectedAt ?? new Date().toISOString(),
    identity: 'image-config',
    // The same config has the same findings (and baselines keep working) however the image was reached.
    fingerprintPath: 'image-config',
    keyRange(pointer: string): SourceRange | undefined {
      const node = nodeAt(root, parseJsonPointer(pointer));
      return node?.keyStart === undefined || node.keyEnd === undefined ? undefined : source.lines.rangeOf(node.keyStart, node.keyEnd);
    },
    locate(target: ReportTarget): Location {
      if ('range' in target) return locationFromRange(source.path, target.range);
      return { ...locationFromRange(source.path, rangeOf(source, root, target.pointer)), jsonPointer: target.pointer };
    },
  });
}

/**
 * Reads an image config JSON document. It matches no file of a directory scan (image configs come
 * from image sources); the image scan and the rule docs call `analyze` directly.
 */
export function createImageConfigAnalyzer(options: ImageConfigOptions = {}): Analyzer<ImageConfigArtifact> {
  return defineAnalyzer<ImageConfigArtifact>({
    id: 'image/config',
    version: 1,
    produces: 'image-config',
    matches: () => false,
    analyze(document) {
      const parsed = parseJsonWithPositions(document.text);
      if (!parsed.ok) {
        const position = document.lines.positionAt(parsed.offset);
        return { artifacts: [], errors: [{ path: document.path, code: 'PARSE_FAILED', message: `Image config is not valid JSON: ${parsed.message}`, startLine: position.line, startColumn: position.column }] };
      }
      if (!isRecord(parsed.root.value)) return { artifacts: [], errors: [{ path: document.path, code: 'PARSE_FAILED', message: 'Image config is not a JSON object', startLine: 1, startColumn: 1 }] };
      return { artifacts: [createImageConfigArtifact(document, parsed.root, options)], errors: [] };
    },
  });
}

export const imageConfigAnalyzer = createImageConfigAnalyzer();
