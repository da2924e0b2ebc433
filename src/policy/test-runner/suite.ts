import { dirname, join } from 'node:path';
import type { Result, ScanError } from '../../core/index.ts';
import { err, ok } from '../../core/index.ts';
import type { JsonObject, JsonValue, KubernetesObjectArtifact } from '../../kubernetes/index.ts';
import { isJsonArray, isJsonObject, objectAt, stringAt } from '../../kubernetes/index.ts';
import type { PolicyVulnerability } from '../palisade-policy/index.ts';
import { isSeverity } from '../../core/index.ts';
import { dottedPath, positionInString } from '../vap/index.ts';

export const POLICY_TEST_API_VERSION = 'palisade.dev/v1';
export const POLICY_TEST_KIND = 'PolicyTest';

export const EXPECTATIONS = ['admit', 'deny', 'warn', 'audit'] as const;

/** What a case expects of the object: admitted, denied, admitted with a warning, or admitted with an audit record. */
export type Expectation = (typeof EXPECTATIONS)[number];

export interface TestCase {
  readonly index: number;
  readonly name: string;
  /** A resource as `[Kind/][namespace/]name` or a file path as listed in `resources`, or an inline object. */
  readonly object: string | JsonObject;
  /** Only this policy's results count. */
  readonly policy: string | undefined;
  readonly expect: Expectation;
  /** One of the results' messages must equal it. */
  readonly message: string | undefined;
}

/** An inline namespace of a suite: a name and its labels. */
export interface InlineNamespace {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface PolicyTestSuite {
  readonly path: string;
  readonly name: string;
  /** Files and folders, resolved against the suite's folder. */
  readonly policies: readonly string[];
  readonly resources: readonly ResourceFile[];
  readonly params: readonly string[];
  readonly namespaceFiles: readonly string[];
  readonly namespaces: readonly InlineNamespace[];
  /** Known vulnerabilities of the resources' packages, for PackageInventory policies. */
  readonly vulnerabilities: readonly PolicyVulnerability[];
  readonly cases: readonly TestCase[];
}

export interface ResourceFile {
  /** As written in the suite (how cases name it). */
  readonly written: string;
  readonly path: string;
}

/**
 * Reads a `palisade.dev/v1` `PolicyTest` object: `policies`, `resources`, `params` and `namespaces`
 * (files relative to the suite; namespaces may also be `{ name, labels }`), and `cases`. Every
 * problem is an error naming the suite file and position.
 */
export function readSuite(artifact: KubernetesObjectArtifact): Result<PolicyTestSuite, ScanError[]> {
  const { object } = artifact;
  const errors: ScanError[] = [];
  const problem = (pointer: string, message: string): void => {
    const position = positionInString(artifact, pointer, undefined);
    errors.push({ path: artifact.source.path, code: 'POLICY_INVALID', message: `${dottedPath(pointer) || 'suite'}: ${message}`, ...(position === undefined ? {} : { startLine: position.line, startColumn: position.column }) });
  };
  const base = dirname(artifact.source.path);
  const files = (key: string): string[] => strings(object[key], `/${key}`, problem).map((file) => join(base, file));
  const namespaceEntries = isJsonArray(object['namespaces']) ? object['namespaces'] : [];
  if (object['namespaces'] !== undefined && object['namespaces'] !== null && !isJsonArray(object['namespaces'])) problem('/namespaces', 'must be a list of files or { name, labels }');
  const namespaces = namespaceEntries.flatMap((entry, index) => inlineNamespace(entry, `/namespaces/${index}`, problem));
  const cases = readCases(object['cases'], problem);
  const suite: PolicyTestSuite = {
    path: artifact.source.path,
    name: stringAt(objectAt(object, 'metadata') ?? {}, 'name') ?? artifact.source.path,
    policies: files('policies'),
    resources: strings(object['resources'], '/resources', problem).map((written) => ({ written, path: join(base, written) })),
    params: files('params'),
    namespaceFiles: namespaceEntries.flatMap((entry) => (typeof entry === 'string' ? [join(base, entry)] : [])),
    namespaces,
    vulnerabilities: readVulnerabilities(object['vulnerabilities'], problem),
    cases,
  };
  if (suite.policies.length === 0) problem('/policies', 'list at least one policy file or folder');
  return errors.length === 0 ? ok(suite) : err(errors);
}

type Problem = (pointer: string, message: string) => void;

function strings(value: JsonValue | undefined, pointer: string, problem: Problem): string[] {
  if (value === undefined || value === null) return [];
  if (!isJsonArray(value)) {
    problem(pointer, 'must be a list of file names');
    return [];
  }
  return value.flatMap((item, index) => {
    if (typeof item === 'string' && item !== '') return [item];
    if (pointer !== '/namespaces' || !isJsonObject(item)) problem(`${pointer}/${index}`, 'must be a file name');
    return [];
  });
}

function inlineNamespace(entry: JsonValue, pointer: string, problem: Problem): InlineNamespace[] {
  if (typeof entry === 'string') return [];
  const name = isJsonObject(entry) ? entry['name'] : undefined;
  const labels = isJsonObject(entry) ? (entry['labels'] ?? {}) : undefined;
  if (typeof name !== 'string' || name === '' || !isJsonObject(labels) || !Object.values(labels).every((value) => typeof value === 'string')) {
    problem(pointer, 'a namespace is a file name or { name, labels } with string labels');
    return [];
  }
  const stringLabels: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) if (typeof value === 'string') stringLabels[key] = value;
  return [{ name, labels: stringLabels }];
}

function readCases(value: JsonValue | undefined, problem: Problem): TestCase[] {
  if (!isJsonArray(value) || value.length === 0) {
    problem('/cases', 'list at least one case');
    return [];
  }
  return value.flatMap((item, index) => {
    const pointer = `/cases/${index}`;
    if (!isJsonObject(item)) {
      problem(pointer, 'a case must be an object');
      return [];
    }
    const object = item['object'];
    const expect = EXPECTATIONS.find((candidate) => candidate === item['expect']);
    const { policy, message, name } = item;
    if (!(typeof object === 'string' && object !== '') && !isJsonObject(object)) problem(`${pointer}/object`, 'object must name a resource or be an inline object');
    if (expect === undefined) problem(`${pointer}/expect`, `expect must be one of ${EXPECTATIONS.join(', ')}`);
    if (policy !== undefined && typeof policy !== 'string') problem(`${pointer}/policy`, 'policy must be a policy name');
    if (message !== undefined && typeof message !== 'string') problem(`${pointer}/message`, 'message must be a string');
    if (expect === undefined || (typeof object !== 'string' && !isJsonObject(object)) || object === undefined) return [];
    const label = typeof name === 'string' ? name : typeof object === 'string' ? object : `case ${index + 1}`;
    return [{ index, name: label, object, policy: typeof policy === 'string' ? policy : undefined, expect, message: typeof message === 'string' ? message : undefined }];
  });
}

/** `vulnerabilities: [{ id, package, version, severity, purl?, aliases?, fixedVersions?, cvssScore? }]`. */
function readVulnerabilities(value: JsonValue | undefined, problem: Problem): PolicyVulnerability[] {
  if (value === undefined || value === null) return [];
  if (!isJsonArray(value)) {
    problem('/vulnerabilities', 'must be a list');
    return [];
  }
  return value.flatMap((item, index) => {
    const entry = isJsonObject(item) ? item : {};
    const { id, version, severity, purl, cvssScore } = entry;
    const name = entry['package'];
    if (typeof id !== 'string' || typeof name !== 'string' || typeof version !== 'string' || !isSeverity(severity)) {
      problem(`/vulnerabilities/${index}`, 'a vulnerability needs id, package, version and severity (critical, high, medium, low or info)');
      return [];
    }
    const texts = (key: string): string[] => (isJsonArray(entry[key]) ? entry[key].filter((text): text is string => typeof text === 'string') : []);
    return [{ id, packageName: name, packageVersion: version, severity, purl: typeof purl === 'string' ? purl : '', aliases: texts('aliases'), fixedVersions: texts('fixedVersions'), cvssScore: typeof cvssScore === 'number' ? cvssScore : undefined }];
  });
}
