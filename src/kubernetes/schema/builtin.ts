import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StandaloneRuntime, StandaloneValidate } from './standalone.ts';
import { nullThrows } from '../../core/index.ts';
import { StandaloneSchemas } from './standalone.ts';

/**
 * Built-in kinds, validated with the precompiled schemas of `kubernetes-models` (generated from
 * the Kubernetes 1.36.0 OpenAPI spec, merged with older releases' specs so that removed API
 * versions still validate). The package has no apiVersion+kind lookup, and importing it whole
 * takes over a second, so the lookup is built lazily: the package's export map names each
 * group/version folder, the folder listing names the candidate kinds, and a kind's module is
 * loaded (synchronously, Node's `require` of ES modules) the first time an object of that kind
 * is validated. A candidate counts only when its class declares that exact apiVersion and kind.
 */
export const BUILTIN_SCHEMA_RELEASE = '1.36.0';
export const BUILTIN_SCHEMA_PACKAGE = 'kubernetes-models 5.1';

/** A precompiled validator: true when valid, otherwise `errors` holds ajv errors. */
export type BuiltinValidator = (data: unknown) => readonly RawError[] | undefined;

/** The part of an ajv error the schema module reads. */
export interface RawError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
}

const require = createRequire(import.meta.url);
const KIND_NAME = /^[A-Z][A-Za-z0-9]*$/;

let packageRoot: string | undefined;
let groupVersions: ReadonlySet<string> | undefined;
const kindsByFolder = new Map<string, ReadonlySet<string>>();
const validators = new Map<string, BuiltinValidator | null>();

/** The validator of a built-in apiVersion+kind, or undefined when `kubernetes-models` has none. */
export function builtinValidator(apiVersion: string, kind: string): BuiltinValidator | undefined {
  const key = `${apiVersion} ${kind}`;
  const cached = validators.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const found = loadValidator(apiVersion, kind);
  validators.set(key, found ?? null);
  return found;
}

/** True when `kubernetes-models` has a schema for this apiVersion+kind. */
export function isBuiltinKind(apiVersion: string, kind: string): boolean {
  return builtinValidator(apiVersion, kind) !== undefined;
}

function loadValidator(apiVersion: string, kind: string): BuiltinValidator | undefined {
  if (!KIND_NAME.test(kind) || !knownGroupVersions().has(apiVersion)) return undefined;
  const folder = join(root(), apiVersion);
  if (!kindsIn(folder).has(kind)) return undefined;
  const file = join(folder, `${kind}.js`);
  const runtime = validateRuntime();
  const verdict = runtime === undefined ? undefined : verdictSchemas(runtime).kindValidator(file, apiVersion, kind);
  if (verdict === null) return undefined;
  if (verdict !== undefined) return verdictFirst(verdict, () => nullThrows(exactValidator(file, apiVersion, kind, runtime), `no validator for ${apiVersion} ${kind}`));
  return exactValidator(file, apiVersion, kind, runtime);
}

/**
 * The validator of the files as published: valid, or their errors. Loaded without the module
 * loader when the files have the expected shape, else through it.
 */
function exactValidator(file: string, apiVersion: string, kind: string, runtime: ValidateRuntime | undefined): BuiltinValidator | undefined {
  const standalone = runtime === undefined ? undefined : standaloneSchemas(runtime).kindValidator(file, apiVersion, kind);
  if (standalone === null) return undefined;
  if (standalone !== undefined && runtime !== undefined) return standaloneValidator(standalone, runtime);
  const loaded: unknown = require(file);
  if (typeof loaded !== 'object' || loaded === null) return undefined;
  const model: unknown = Object.getOwnPropertyDescriptor(loaded, kind)?.value;
  return validatorOf(model, apiVersion, kind);
}

/** The model class's prototype `validate` (set by `setValidateFunc`), when the class declares this apiVersion and kind. */
function validatorOf(model: unknown, apiVersion: string, kind: string): BuiltinValidator | undefined {
  if (typeof model !== 'function') return undefined;
  if (Reflect.get(model, 'apiVersion') !== apiVersion || Reflect.get(model, 'kind') !== kind) return undefined;
  const prototype: unknown = Reflect.get(model, 'prototype');
  const validate: unknown = typeof prototype === 'object' && prototype !== null ? Reflect.get(prototype, 'validate') : undefined;
  if (typeof validate !== 'function') return undefined;
  return (data) => {
    try {
      Reflect.apply(validate, data, []);
      return undefined;
    } catch (error) {
      return errorsOf(error);
    }
  };
}

/** What `@kubernetes-models/validate` gives the validators: `formats`, and `runValidateFunc` (it throws the localized errors). */
interface ValidateRuntime extends StandaloneRuntime {
  readonly runValidateFunc: (validate: StandaloneValidate, data: unknown) => void;
}

let runtimeLoaded: ValidateRuntime | null | undefined;
let schemas: StandaloneSchemas | undefined;
let verdicts: StandaloneSchemas | undefined;

/** `@kubernetes-models/validate`, as the package's validators import it; undefined when it cannot be found (the module loader is used). */
function validateRuntime(): ValidateRuntime | undefined {
  if (runtimeLoaded !== undefined) return runtimeLoaded ?? undefined;
  runtimeLoaded = null;
  try {
    const loaded: unknown = require(fileURLToPath(import.meta.resolve('@kubernetes-models/validate')));
    const formats: unknown = typeof loaded === 'object' && loaded !== null ? Reflect.get(loaded, 'formats') : undefined;
    const run: unknown = typeof loaded === 'object' && loaded !== null ? Reflect.get(loaded, 'runValidateFunc') : undefined;
    if (typeof formats === 'object' && formats !== null && typeof run === 'function') {
      runtimeLoaded = { formats, runValidateFunc: (validate, data) => Reflect.apply(run, undefined, [validate, data]) };
    }
  } catch {
    // Not resolvable from here (an unusual node_modules layout): the module loader finds it.
  }
  return runtimeLoaded ?? undefined;
}

function standaloneSchemas(runtime: ValidateRuntime): StandaloneSchemas {
  schemas ??= new StandaloneSchemas(() => runtime);
  return schemas;
}

function verdictSchemas(runtime: ValidateRuntime): StandaloneSchemas {
  verdicts ??= new StandaloneSchemas(() => runtime, { verdict: true });
  return verdicts;
}

/**
 * Most objects are valid: the verdict copy (no error paths built, see standalone.ts) answers for
 * them, and only an object it finds invalid is validated again by the files as published (loaded
 * on the first such object), whose answer and errors are then the result. Both copies read the same
 * properties, so a traced run (strict.ts) learns the same fields.
 */
function verdictFirst(verdict: StandaloneValidate, exact: () => BuiltinValidator): BuiltinValidator {
  let validator: BuiltinValidator | undefined;
  return (data) => {
    if (verdict(data)) return undefined;
    validator ??= exact();
    return validator(data);
  };
}

/**
 * A validator loaded by StandaloneSchemas, answering as the model class's `validate` does: valid,
 * or (when ajv left errors) the errors `runValidateFunc` throws, with their English messages.
 */
function standaloneValidator(validate: StandaloneValidate, runtime: ValidateRuntime): BuiltinValidator {
  return (data) => {
    if (validate(data)) return undefined;
    const errors: unknown = Reflect.get(validate, 'errors');
    if (errors === null || errors === undefined) return undefined;
    try {
      runtime.runValidateFunc(validate, data);
      return undefined;
    } catch (error) {
      return errorsOf(error);
    }
  };
}

function errorsOf(error: unknown): RawError[] {
  const errors: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'errors') : undefined;
  if (!Array.isArray(errors)) throw error;
  return errors.filter(isRawError);
}

function isRawError(value: unknown): value is RawError {
  if (typeof value !== 'object' || value === null) return false;
  return typeof Reflect.get(value, 'instancePath') === 'string' && typeof Reflect.get(value, 'keyword') === 'string' && typeof Reflect.get(value, 'params') === 'object';
}

function root(): string {
  packageRoot ??= dirname(require.resolve('kubernetes-models/package.json'));
  return packageRoot;
}

/** `apps/v1`, `v1`, `networking.k8s.io/v1` …: the export map's two-level entries (core `v1` is one level). */
function knownGroupVersions(): ReadonlySet<string> {
  if (groupVersions !== undefined) return groupVersions;
  const manifest: unknown = require('kubernetes-models/package.json');
  const exportsMap: unknown = typeof manifest === 'object' && manifest !== null ? Reflect.get(manifest, 'exports') : undefined;
  const keys = typeof exportsMap === 'object' && exportsMap !== null ? Object.keys(exportsMap) : [];
  const found = new Set<string>();
  for (const key of keys) {
    const path = key.replace(/^\.\//, '');
    if (/^v\d+[a-z0-9]*$/.test(path) || /^[a-z0-9.-]+\/v\d+[a-z0-9]*$/.test(path)) found.add(path);
  }
  groupVersions = found;
  return found;
}

function kindsIn(folder: string): ReadonlySet<string> {
  const cached = kindsByFolder.get(folder);
  if (cached !== undefined) return cached;
  const kinds = new Set(
    readdirSync(folder)
      .filter((file) => file.endsWith('.js') && file !== 'index.js')
      .map((file) => file.slice(0, -3)),
  );
  kindsByFolder.set(folder, kinds);
  return kinds;
}
