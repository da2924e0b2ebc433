import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CompiledSchema } from './compile.ts';
import { compileSchema } from './compile.ts';

/**
 * Extra JSON schemas from local folders, in kubeconform's naming (`-schema-location`):
 * - a folder: `<folder>/{kind}{suffix}.json`, e.g. `deployment-apps-v1.json`, `pod-v1.json`,
 *   `certificate-cert-manager-v1.json` (kind lower-cased; the suffix is `-` + the first label of
 *   the group + `-` + the version, or `-` + the version for the core group);
 * - a path ending in `.json`: a template with kubeconform's variables `{{ .ResourceKind }}`
 *   (lower-cased kind), `{{ .ResourceAPIVersion }}` (version), `{{ .Group }}` and
 *   `{{ .KindSuffix }}`, e.g. `schemas/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json`.
 * Relative locations are resolved from the working directory. Files only: URLs are refused by the
 * option schema. Each file is read and compiled once per process.
 */
export const SCHEMA_LOCATION_PATTERN = '^(?![A-Za-z][A-Za-z0-9+.-]*://)(?!default$).+';

export interface LocatedSchema {
  readonly file: string;
  readonly schema: CompiledSchema;
}

const KIND_NAME = /^[A-Za-z][A-Za-z0-9]*$/;
const API_VERSION = /^(?:[a-z0-9][a-z0-9.-]*\/)?[a-z0-9]+$/;
const cache = new Map<string, CompiledSchema | null>();

/** The first schema file the locations hold for this apiVersion+kind, compiled; undefined when none. */
export function findLocatedSchema(locations: readonly string[], apiVersion: string, kind: string): LocatedSchema | undefined {
  if (locations.length === 0 || !KIND_NAME.test(kind) || !API_VERSION.test(apiVersion)) return undefined;
  for (const location of locations) {
    const file = resolve(candidatePath(location, apiVersion, kind));
    const schema = load(file);
    if (schema !== undefined) return { file, schema };
  }
  return undefined;
}

export function candidatePath(location: string, apiVersion: string, kind: string): string {
  const slash = apiVersion.indexOf('/');
  const group = slash === -1 ? '' : apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  const suffix = group === '' ? `-${version}` : `-${group.split('.')[0] ?? group}-${version}`;
  const variables: Readonly<Record<string, string>> = { ResourceKind: kind.toLowerCase(), ResourceAPIVersion: version, Group: group, KindSuffix: suffix.toLowerCase() };
  if (!location.endsWith('.json')) return join(location, `${kind.toLowerCase()}${suffix.toLowerCase()}.json`);
  return location.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (match, name: string) => variables[name] ?? match);
}

function load(file: string): CompiledSchema | undefined {
  const cached = cache.get(file);
  if (cached !== undefined) return cached ?? undefined;
  const result = read(file);
  cache.set(file, result ?? null);
  return result;
}

function read(file: string): CompiledSchema | undefined {
  if (!existsSync(file) || !statSync(file).isFile()) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { ok: false, reason: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, reason: 'not a JSON schema object' };
  // kubeconform's schemas name meta-schemas ajv does not know; the keywords are draft-04/07 alike.
  const { $schema: _ignored, ...schema } = Object.fromEntries(Object.entries(parsed));
  return compileSchema(schema);
}
