import type { Analyzer, Artifact, Finding, Rule, ScanError, SourceDocument } from '../core/index.ts';
import { createSourceDocument, isArtifactOf } from '../core/index.ts';
import { ruleMetas } from '../catalog.ts';
import type { InlineSuppression } from '../gate/index.ts';
import { applyExceptions, applyInlineSuppressions, findingMatchesSelector, invalidSuppressionFindings } from '../gate/index.ts';
import type { JsonObject, KubernetesObjectArtifact } from '../kubernetes/index.ts';
import { objectRefOf } from '../kubernetes/index.ts';
import type { PolicyScanResult } from '../policy/index.ts';
import { compileAdmissionPolicies, compilePalisadePolicies, evaluatePolicies, scanWithPolicies } from '../policy/index.ts';
import { dropShadowedGenericSecrets, isGenericSecretPack } from '../secrets/index.ts';
import { documentNotes } from '../scan/document-notes.ts';
import { applyGitleaksWaivers } from '../scan/gitleaks.ts';
import { projectTargets, runProjectRules, runRules } from '../scan/run-rules.ts';
import { compareFindings } from '../scan/run-scan.ts';
import { overrideSeverities } from '../scan/select-rules.ts';
import type { AdmissionEngine } from './engine.ts';
import type { AdmittedDocument } from './object-artifact.ts';
import { admittedDocumentOf } from './object-artifact.ts';
import { rulesForArtifacts } from './text-rules.ts';
import { toBlockYaml } from './yaml-text.ts';

type PublishedAuditAnnotation = PolicyScanResult['auditAnnotations'][number];

/** What the CLI's pipeline says about one object. */
export interface ObjectEvaluation {
  /** Every finding, after severity overrides, suppressions and exceptions (suppressed ones carry `suppression`), sorted. */
  readonly findings: readonly Finding[];
  /** One `GATE-0001` finding per expired exception (admission reports them; they do not deny). */
  readonly expiredExceptions: readonly Finding[];
  readonly errors: readonly ScanError[];
  /** How many Kubernetes objects the loader read from the document (1, or 0 when it could not read it). */
  readonly objects: number;
  /** Audit annotations the ValidatingAdmissionPolicies published. */
  readonly auditAnnotations: readonly PublishedAuditAnnotation[];
}

/** How many bytes of a file the analyzers sniff (as `readHead`). */
const SNIFF_BYTES = 4096;

/** The generic secret detectors: their findings give way to a provider rule's on the same secret (as in a scan). */
const GENERIC_SECRET_RULES: ReadonlySet<string> = new Set(ruleMetas.filter((meta) => meta.packs.some(isGenericSecretPack)).map((meta) => meta.id));

/**
 * The text an admitted object is scanned as: the object as block YAML (`toBlockYaml`), which the
 * manifest loader reads in one pass. The parity test writes exactly this text to a file and scans it.
 */
export function admissionDocumentText(object: JsonObject): string {
  return toBlockYaml(object);
}

/**
 * The path the object's document is given: `admission/<namespace>/<kind>.<name>.yaml` (`_cluster`
 * for cluster-scoped objects). Exceptions with `paths` globs match it; their `object` selector is the
 * usual way to name admitted objects.
 */
export function admissionDocumentPath(object: JsonObject, namespace: string | undefined): string {
  const ref = objectRefOf(object);
  const name = ref.name === undefined || ref.name === '' ? 'unnamed' : ref.name;
  const kind = ref.kind === '' ? 'object' : ref.kind.toLowerCase();
  return `admission/${namespace ?? '_cluster'}/${safe(kind)}.${safe(name)}.yaml`;
}

/**
 * Runs on one object, in memory, the steps `palisade scan` runs on a file holding it (`admitted`: the
 * document, or the document with the object's artifact, see `admittedDocument`): the analyzers
 * that match the file, the per-object rules, the project rules (on this object alone), the CEL policies, then the gate (severity overrides,
 * shadowed generic secrets, inline and gitleaks suppressions, the exceptions file). No file is read.
 */
export async function evaluateObject(engine: AdmissionEngine, admitted: SourceDocument | AdmittedDocument, now: Date): Promise<ObjectEvaluation> {
  const { document, artifact } = 'document' in admitted ? admitted : { document: admitted, artifact: undefined };
  const findings: Finding[] = [];
  const errors: ScanError[] = [];
  const scanned: KubernetesObjectArtifact[] = [];
  const kept: Artifact[] = [];
  const keep = projectTargetsOf(engine.rules);
  for (const analyzer of matchingAnalyzers(engine.analyzers, document)) {
    // The object's artifact, when built from the object, is what the Kubernetes analyzer would read from the text.
    const output = artifact !== undefined && analyzer.produces === 'kubernetes-object' ? { artifacts: [artifact], errors: [] } : analyzeSafely(analyzer, document);
    errors.push(...output.errors);
    const result = runRules(output.artifacts, rulesForArtifacts(engine.rules, output.artifacts));
    findings.push(...result.findings);
    errors.push(...result.errors);
    for (const artifact of output.artifacts) {
      if (keep.has(artifact.kind)) kept.push(artifact);
      if (isArtifactOf<KubernetesObjectArtifact>(artifact, 'kubernetes-object')) scanned.push(artifact);
    }
  }
  const project = runProjectRules(kept, engine.rules);
  findings.push(...project.findings);
  errors.push(...project.errors);
  let auditAnnotations: readonly PublishedAuditAnnotation[] = [];
  if (engine.settings.scanners.includes('policy')) {
    const policy = evaluatePolicyStage(engine, scanned);
    findings.push(...policy.findings);
    errors.push(...policy.errors);
    auditAnnotations = policy.auditAnnotations;
  }
  return { ...(await applyGate(engine, document, findings, now)), errors, objects: scanned.length, auditAnnotations };
}

interface PolicyStage {
  readonly findings: readonly Finding[];
  readonly errors: readonly ScanError[];
  readonly auditAnnotations: readonly PublishedAuditAnnotation[];
}

/**
 * The policy stage of a scan. Its result is `scanWithPolicies` of the policy objects and the admitted
 * object; when the object is no policy, binding or Palisade policy itself, the policies compiled at
 * load time are the ones that call would compile, so only the evaluation runs.
 */
function evaluatePolicyStage(engine: AdmissionEngine, scanned: readonly KubernetesObjectArtifact[]): PolicyStage {
  if (holdsPolicies(scanned)) return scanWithPolicies({ policyArtifacts: engine.policyArtifacts, artifacts: scanned, vulnerabilityFindings: [], models: [] });
  const { compiled } = engine;
  if (compiled.policies.length === 0 || scanned.length === 0) return { findings: [], errors: [], auditAnnotations: [] };
  const sources = [...engine.policyArtifacts, ...scanned];
  return evaluatePolicies(compiled.policies, compiled.bindings, sources, scanned, sources);
}

/** True when the objects hold a policy, a binding or a Palisade policy (anything the policy compilers read). */
function holdsPolicies(scanned: readonly KubernetesObjectArtifact[]): boolean {
  if (scanned.length === 0) return false;
  const admission = compileAdmissionPolicies(scanned);
  if (admission.policies.length > 0 || admission.bindings.length > 0 || admission.errors.length > 0) return true;
  const palisade = compilePalisadePolicies(scanned);
  return palisade.policies.length > 0 || palisade.errors.length > 0;
}

interface GateResult {
  readonly findings: readonly Finding[];
  readonly expiredExceptions: readonly Finding[];
}

/** The gate of `runScan`, in its order, on one document's findings (no baseline: fingerprints name files). */
async function applyGate(engine: AdmissionEngine, document: SourceDocument, found: readonly Finding[], now: Date): Promise<GateResult> {
  const { settings } = engine;
  const notes = documentNotes(document.text);
  const suppressions = new Map<string, readonly InlineSuppression[]>();
  if (notes !== undefined && notes.suppressions.length > 0) suppressions.set(document.path, notes.suppressions);
  const overridden = overrideSeverities(dropShadowedGenericSecrets(found, GENERIC_SECRET_RULES), settings.severityOverrides, ruleMetas);
  let findings = applyInlineSuppressions(overridden, suppressions, findingMatchesSelector);
  // gitleaks waivers only ever touch secret findings (and read `.gitleaksignore`): skipped when there is none.
  if (findings.some((finding) => finding.kind === 'secret')) {
    const allowed = new Map<string, ReadonlySet<number>>(notes === undefined || notes.allowedLines.length === 0 ? [] : [[document.path, new Set(notes.allowedLines)]]);
    findings = await applyGitleaksWaivers(findings, allowed, settings.root, []);
  }
  findings.push(...invalidSuppressionFindings(suppressions));
  if (engine.exceptions === undefined) return { findings: findings.sort(compareFindings), expiredExceptions: [] };
  const applied = applyExceptions(findings, engine.exceptions, now);
  return { findings: applied.findings.sort(compareFindings), expiredExceptions: applied.expired };
}

/** `projectTargets` of each rule list seen (an engine's list is the same for every request). */
const projectTargetsByRules = new WeakMap<readonly Rule[], ReadonlySet<string>>();

function projectTargetsOf(rules: readonly Rule[]): ReadonlySet<string> {
  let targets = projectTargetsByRules.get(rules);
  if (targets === undefined) {
    targets = projectTargets(rules);
    projectTargetsByRules.set(rules, targets);
  }
  return targets;
}

function matchingAnalyzers(analyzers: readonly Analyzer[], document: SourceDocument): Analyzer[] {
  const file = { path: document.path, size: Buffer.byteLength(document.text) };
  const head = document.text.slice(0, SNIFF_BYTES);
  return analyzers.filter((analyzer) => analyzer.matches(file, () => head));
}

function analyzeSafely(analyzer: Analyzer, document: SourceDocument): { readonly artifacts: readonly Artifact[]; readonly errors: readonly ScanError[] } {
  try {
    return analyzer.analyze(document);
  } catch (error) {
    return { artifacts: [], errors: [{ path: document.path, code: 'PARSE_FAILED', message: `${analyzer.id} analyzer failed: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}

/** Builds the in-memory document of an admitted object. */
export function admissionDocument(object: JsonObject, namespace: string | undefined): SourceDocument {
  return createSourceDocument(admissionDocumentPath(object, namespace), admissionDocumentText(object));
}

/** The in-memory document of an admitted object, with its Kubernetes artifact built from the object (no reading back) when it can be. */
export function admittedDocument(object: JsonObject, namespace: string | undefined): AdmittedDocument {
  return admittedDocumentOf(admissionDocumentPath(object, namespace), object);
}


function safe(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '_');
}
