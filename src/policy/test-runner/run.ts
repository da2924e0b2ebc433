import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import type { Analyzer, Artifact, ScanError } from '../../core/index.ts';
import { createSourceDocument, isArtifactOf } from '../../core/index.ts';
import type { DockerfileArtifact } from '../../dockerfile/index.ts';
import type { KubernetesObjectArtifact } from '../../kubernetes/index.ts';
import type { PackageInventoryArtifact } from '../../packages/index.ts';
import type { PolicyVulnerability, TargetModel } from '../palisade-policy/index.ts';
import { compilePalisadePolicies, dockerfileModel, evaluatePalisadePolicies, packageInventoryModel } from '../palisade-policy/index.ts';
import type { PolicyOutcome } from '../vap/index.ts';
import { compileAdmissionPolicies, evaluatePolicies, loadPolicyFile, loadPolicyFiles, parsePolicyText } from '../vap/index.ts';
import type { Expectation, PolicyTestSuite, ResourceFile, TestCase } from './suite.ts';
import { POLICY_TEST_API_VERSION, POLICY_TEST_KIND, readSuite } from './suite.ts';

export interface CaseResult {
  readonly name: string;
  readonly expected: Expectation;
  readonly expectedMessage: string | undefined;
  readonly got: Expectation;
  /** Messages of the results that decided `got` (denials for deny, warnings for warn …). */
  readonly messages: readonly string[];
  readonly passed: boolean;
}

export interface SuiteResult {
  readonly path: string;
  readonly name: string;
  readonly cases: readonly CaseResult[];
  /** Problems with the suite itself (exit code 2): unreadable files, invalid policies, unknown objects. */
  readonly errors: readonly ScanError[];
}

export interface PolicyTestOptions {
  /** Analyzers for resources that are not Kubernetes manifests (Dockerfiles, lockfiles). */
  readonly analyzers?: readonly Analyzer[];
}

/** Reads the suite file at `path`, evaluates its policies on its resources and checks every case. */
export function runPolicyTestSuite(path: string, options: PolicyTestOptions = {}): SuiteResult {
  const loaded = loadPolicyFile(path);
  const suiteArtifact = loaded.artifacts.find((artifact) => artifact.ref.apiVersion === POLICY_TEST_API_VERSION && artifact.ref.kind === POLICY_TEST_KIND);
  if (suiteArtifact === undefined) return { path, name: path, cases: [], errors: loaded.errors.length > 0 ? loaded.errors : [{ path, code: 'POLICY_INVALID', message: `Not a ${POLICY_TEST_KIND} (apiVersion ${POLICY_TEST_API_VERSION})` }] };
  const suite = readSuite(suiteArtifact);
  if (!suite.ok) return { path, name: path, cases: [], errors: suite.error };
  return runSuite(suite.value, options.analyzers ?? []);
}

function runSuite(suite: PolicyTestSuite, analyzers: readonly Analyzer[]): SuiteResult {
  const errors: ScanError[] = [];
  const filesOf = (paths: readonly string[]): KubernetesObjectArtifact[] =>
    paths.flatMap((file) => {
      const read = loadPolicyFiles(file);
      errors.push(...read.errors);
      return [...read.artifacts];
    });
  const policyArtifacts = filesOf(suite.policies);
  const resources = readResources(suite.resources, analyzers, suite.vulnerabilities, errors);
  const inline = inlineObjects(suite);
  const objects = [...resources.objects, ...inline.values()];
  const namespaces = [...filesOf(suite.namespaceFiles), ...inlineNamespaces(suite), ...objects];
  const params = [...policyArtifacts, ...filesOf(suite.params), ...objects];
  const admission = compileAdmissionPolicies(policyArtifacts);
  const palisade = compilePalisadePolicies(policyArtifacts);
  errors.push(...admission.errors, ...palisade.errors);
  if (errors.length > 0) return { path: suite.path, name: suite.name, cases: [], errors };
  const evaluated = evaluatePolicies(admission.policies, admission.bindings, params, objects, namespaces);
  const models = evaluatePalisadePolicies(palisade.policies, resources.models);
  errors.push(...evaluated.errors, ...models.errors);
  const outcomes = [...evaluated.outcomes, ...models.outcomes];
  const policyNames = new Set([...admission.policies, ...palisade.policies].map((policy) => policy.name));
  const cases = suite.cases.flatMap((testCase) => {
    const target = typeof testCase.object === 'string' ? resolveObject(testCase.object, resources, suite.path, errors) : inline.get(testCase.index);
    if (testCase.policy !== undefined && !policyNames.has(testCase.policy)) errors.push(suiteError(suite.path, `cases[${testCase.index}]: no policy named "${testCase.policy}" among the suite's policies`));
    return target === undefined ? [] : [checkCase(testCase, outcomes.filter((outcome) => outcome.artifact === target && (testCase.policy === undefined || outcome.policy === testCase.policy)))];
  });
  return { path: suite.path, name: suite.name, cases: errors.length > 0 ? [] : cases, errors };
}

/** The strongest action among the results: deny, then warn, then audit; none is admit. */
function checkCase(testCase: TestCase, outcomes: readonly PolicyOutcome[]): CaseResult {
  const got: Expectation = outcomes.some((outcome) => outcome.actions.includes('Deny'))
    ? 'deny'
    : outcomes.some((outcome) => outcome.actions.includes('Warn'))
      ? 'warn'
      : outcomes.some((outcome) => outcome.actions.includes('Audit'))
        ? 'audit'
        : 'admit';
  const action = got === 'deny' ? 'Deny' : got === 'warn' ? 'Warn' : 'Audit';
  const messages = got === 'admit' ? [] : outcomes.filter((outcome) => outcome.actions.includes(action)).map((outcome) => outcome.finding.message);
  const passed = got === testCase.expect && (testCase.message === undefined || messages.includes(testCase.message));
  return { name: testCase.name, expected: testCase.expect, expectedMessage: testCase.message, got, messages, passed };
}

interface Resources {
  readonly objects: readonly KubernetesObjectArtifact[];
  readonly models: readonly TargetModel[];
  /** Non-Kubernetes resources by the name the suite gives them. */
  readonly byFile: ReadonlyMap<string, Artifact>;
}

function readResources(files: readonly ResourceFile[], analyzers: readonly Analyzer[], vulnerabilities: readonly PolicyVulnerability[], errors: ScanError[]): Resources {
  const objects: KubernetesObjectArtifact[] = [];
  const models: TargetModel[] = [];
  const byFile = new Map<string, Artifact>();
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file.path, 'utf8');
    } catch (error) {
      errors.push(suiteError(file.path, `Cannot read resource: ${error instanceof Error ? error.message : String(error)}`));
      continue;
    }
    const analyzer = analyzers.find((candidate) => MODEL_KINDS.has(candidate.produces) && candidate.matches({ path: file.path, size: text.length }, () => text.slice(0, 4096)));
    if (analyzer === undefined) {
      const parsed = parsePolicyText(file.path, text);
      errors.push(...parsed.errors);
      objects.push(...parsed.artifacts);
      continue;
    }
    const output = analyzer.analyze(createSourceDocument(file.path, text));
    errors.push(...output.errors);
    for (const artifact of output.artifacts) {
      const model = modelOf(artifact, vulnerabilities);
      if (model === undefined) continue;
      models.push(model);
      byFile.set(file.written, artifact);
    }
  }
  return { objects, models, byFile };
}

/** The artifact kinds Palisade policies have a model for (Kubernetes manifests are read as such). */
const MODEL_KINDS: ReadonlySet<string> = new Set(['dockerfile', 'package-inventory']);

function modelOf(artifact: Artifact, vulnerabilities: readonly PolicyVulnerability[]): TargetModel | undefined {
  if (isArtifactOf<PackageInventoryArtifact>(artifact, 'package-inventory')) {
    const own = vulnerabilities.filter((vulnerability) => artifact.packages.some((entry) => entry.purl === vulnerability.purl || (entry.name === vulnerability.packageName && entry.version === vulnerability.packageVersion)));
    return packageInventoryModel(artifact, own);
  }
  if (isArtifactOf<DockerfileArtifact>(artifact, 'dockerfile') && 'variant' in artifact && artifact.variant === 'dockerfile' && 'stages' in artifact) return dockerfileModel(artifact);
  return undefined;
}

function inlineObjects(suite: PolicyTestSuite): Map<number, KubernetesObjectArtifact> {
  const objects = new Map<number, KubernetesObjectArtifact>();
  for (const testCase of suite.cases) {
    if (typeof testCase.object === 'string') continue;
    const [artifact] = parsePolicyText(`${suite.path}#cases[${testCase.index}]`, stringify(testCase.object)).artifacts;
    if (artifact !== undefined) objects.set(testCase.index, artifact);
  }
  return objects;
}

function inlineNamespaces(suite: PolicyTestSuite): KubernetesObjectArtifact[] {
  return suite.namespaces.flatMap((namespace) => parsePolicyText(`${suite.path}#namespaces`, stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace.name, labels: namespace.labels } })).artifacts);
}

/** `[Kind/][namespace/]name` among the Kubernetes resources, or a file as the suite lists it. */
function resolveObject(reference: string, resources: Resources, suitePath: string, errors: ScanError[]): Artifact | undefined {
  const file = resources.byFile.get(reference);
  if (file !== undefined) return file;
  const parts = reference.split('/');
  const matches = resources.objects.filter((artifact) => {
    const { kind, name } = artifact.ref;
    const namespace = artifact.ref.namespace ?? 'default';
    const [first = '', second = '', third = ''] = parts;
    if (parts.length === 1) return name === first;
    if (parts.length === 2) return name === second && (kind.toLowerCase() === first.toLowerCase() || namespace === first);
    return parts.length === 3 && kind.toLowerCase() === first.toLowerCase() && namespace === second && name === third;
  });
  if (matches.length === 1) return matches[0];
  errors.push(suiteError(suitePath, matches.length === 0 ? `no resource "${reference}" among the suite's resources` : `"${reference}" names ${matches.length} resources; write Kind/namespace/name`));
  return undefined;
}

function suiteError(path: string, message: string): ScanError {
  return { path, code: 'POLICY_INVALID', message };
}
