import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { compileFunction } from 'node:vm';

/**
 * Loads the precompiled validators of `kubernetes-models` without Node's module loader. A kind
 * pulls in a few dozen `_schemas/*.js` files (a Deployment about 150, the corpus's kinds about
 * 300), and loading them as ES modules cost about 2 ms each (resolution, package scopes, linking),
 * about 0.6 s of a 10,000-object scan. The files are ajv standalone code in a fixed shape: imports
 * of other files' `validate` functions and of `formats`, functions, and `export const validate=…;`.
 * Each file is read, its imports and export are rewritten to parameters and a return, and it is
 * compiled once as a strict function (about 0.15 s for the same kinds). A file that does not have
 * that shape makes the caller load the kind through the module loader instead (see builtin.ts).
 */

/** An ajv standalone validate function: true when valid, else its `errors` property holds ajv errors. */
export type StandaloneValidate = (data: unknown) => boolean;

function isValidate(value: unknown): value is StandaloneValidate {
  return typeof value === 'function';
}

/** The kind module's shape: the class declares its apiVersion and kind and gets its validator from one `_schemas` file. */
const KIND_MODULE =
  /^import\{createTypeMetaGuard,Model,setValidateFunc\}from"@kubernetes-models\/base";import\{validate\}from"((?:\.\.\/)+_schemas\/\w+\.js)";export class (\w+) extends Model\{static\{this\.apiVersion="([^"]+)"\}static\{this\.kind="(\w+)"\}static\{this\.is=createTypeMetaGuard\(\2\)\}constructor\(data\)\{super\(\),this\.setDefinedProps\(\{apiVersion:\2\.apiVersion,kind:\2\.kind,\.\.\.data\}\)\}\}setValidateFunc\(\2,validate\);\s*$/;
const VALIDATE_IMPORT = /import\{validate as (validate\d+)\}from"([^"]+)";/g;
const FORMATS_IMPORT = 'import{formats}from"@kubernetes-models/validate";';
const EXPORT = /export const validate=(validate\d+);/;
/** Left-over module syntax after the rewrite (at a statement start): the file is not of the expected shape. */
const MODULE_SYNTAX = /(?:^|[;}])\s*(?:import|export)\b/;
/** `@kubernetes-models/apimachinery/_schemas/X`: a package's `./_schemas/*` export (mapped to `./_schemas/*.js`). */
const PACKAGE_SCHEMA = /^(@[\w.-]+\/[\w.-]+)\/_schemas\/(\w+)$/;

/**
 * ajv's standalone code threads `{ instancePath, parentData, parentDataProperty, rootData }` through
 * every nested call: an object and a path string per property and array item validated, used only by
 * the errors it builds (the bundled schemas have no `$data` references, defaults or coercion, which
 * would read them). A `verdict` copy of a file drops that plumbing: each function takes the data
 * alone and its errors carry an empty path, so only its answer, valid or not, is meaningful. Its
 * logic, and so its answer and the properties it reads, are those of the file as published.
 */
const SIGNATURE = /function (validate\d+)\(data,\{instancePath="",parentData,parentDataProperty,rootData=data\}=\{\}\)\{/g;
const CALL_OPTIONS = /,\{instancePath[^{}]*?,rootData\}\)/g;
/** Any plumbing left after the rewrite: the file is not of the expected shape. */
const PLUMBING = /\b(?:rootData|parentData|parentDataProperty)\b/;

/** The verdict copy of a file's code (see SIGNATURE), or NotStandalone when the plumbing is not all of the expected shape. */
function verdictOnly(body: string, file: string): string {
  const rewritten = body.replace(SIGNATURE, 'function $1(data){let instancePath="";').replace(CALL_OPTIONS, ')');
  if (PLUMBING.test(rewritten)) throw new NotStandalone(`unexpected validator plumbing in ${file}`);
  return rewritten;
}

/** Why a file could not be loaded here (the caller then uses the module loader). */
class NotStandalone extends Error {}

/** What the `_schemas` files import besides each other. */
export interface StandaloneRuntime {
  readonly formats: unknown;
}

export class StandaloneSchemas {
  readonly #runtime: () => StandaloneRuntime;
  readonly #verdict: boolean;
  readonly #loaded = new Map<string, StandaloneValidate>();
  readonly #loading = new Set<string>();

  /**
   * `runtime` is asked for once, when a file imports `formats`. `verdict`: the validators are the
   * verdict copies (answer only, errors without paths; see SIGNATURE), for a caller that runs the
   * files as published only when an object is invalid.
   */
  constructor(runtime: () => StandaloneRuntime, options: { readonly verdict?: boolean } = {}) {
    this.#runtime = runtime;
    this.#verdict = options.verdict === true;
  }

  /**
   * The validator of the kind module `file` when its class declares exactly `apiVersion` and
   * `kind`; null when it declares others; undefined when the files are not of the expected shape.
   */
  kindValidator(file: string, apiVersion: string, kind: string): StandaloneValidate | null | undefined {
    const match = KIND_MODULE.exec(readFileSync(file, 'utf8'));
    if (match === null) return undefined;
    const [, schema = '', className, declaredVersion, declaredKind] = match;
    if (className !== kind || declaredVersion !== apiVersion || declaredKind !== kind) return null;
    try {
      return this.#load(resolve(dirname(file), schema));
    } catch (error) {
      if (error instanceof NotStandalone) return undefined;
      throw error;
    }
  }

  #load(file: string): StandaloneValidate {
    const loaded = this.#loaded.get(file);
    if (loaded !== undefined) return loaded;
    // Files that import each other would need the module loader's live bindings.
    if (this.#loading.has(file)) throw new NotStandalone(`import cycle at ${file}`);
    this.#loading.add(file);
    try {
      const validate = this.#compile(file);
      this.#loaded.set(file, validate);
      return validate;
    } finally {
      this.#loading.delete(file);
    }
  }

  /** The file's code as a strict function of its imports, called: its `validate`. */
  #compile(file: string): StandaloneValidate {
    const names: string[] = [];
    const values: unknown[] = [];
    let body = readFileSync(file, 'utf8').replace(VALIDATE_IMPORT, (_statement, name: string, specifier: string) => {
      names.push(name);
      values.push(this.#load(this.#resolve(file, specifier)));
      return '';
    });
    if (body.includes(FORMATS_IMPORT)) {
      body = body.replace(FORMATS_IMPORT, '');
      names.push('formats');
      values.push(this.#runtime().formats);
    }
    const exported = EXPORT.exec(body);
    if (exported === null) throw new NotStandalone(`no validate export in ${file}`);
    body = body.replace(exported[0], '');
    if (MODULE_SYNTAX.test(body)) throw new NotStandalone(`unexpected module syntax in ${file}`);
    if (this.#verdict) body = verdictOnly(body, file);
    const make = this.#compileFunction(`"use strict";${body}\nreturn ${exported[1] ?? ''};`, names, file);
    const validate: unknown = Reflect.apply(make, undefined, values);
    if (!isValidate(validate)) throw new NotStandalone(`${file} does not export a function`);
    return validate;
  }

  /** A verdict copy that does not compile is a rewrite that went wrong: the files as published are used instead. */
  #compileFunction(code: string, names: readonly string[], file: string): ReturnType<typeof compileFunction> {
    try {
      return compileFunction(code, [...names], { filename: file });
    } catch (error) {
      if (this.#verdict && error instanceof SyntaxError) throw new NotStandalone(`the verdict copy of ${file} does not compile`);
      throw error;
    }
  }

  /** A relative import, or a package's `_schemas` export found in the nearest `node_modules` above `from`. */
  #resolve(from: string, specifier: string): string {
    if (specifier.startsWith('./') || specifier.startsWith('../')) return resolve(dirname(from), specifier);
    const match = PACKAGE_SCHEMA.exec(specifier);
    if (match === null) throw new NotStandalone(`unexpected import ${specifier}`);
    for (let directory = dirname(from); ; directory = dirname(directory)) {
      const candidate = join(directory, 'node_modules', match[1] ?? '', '_schemas', `${match[2] ?? ''}.js`);
      if (existsSync(candidate)) return candidate;
      if (dirname(directory) === directory) throw new NotStandalone(`cannot find ${specifier}`);
    }
  }
}
