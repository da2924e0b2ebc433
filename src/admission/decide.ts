import type { Finding, Threshold } from '../core/index.ts';
import { meetsThreshold } from '../core/index.ts';
import type { JsonObject } from '../kubernetes/index.ts';
import { containersOf, objectRefOf, podSpecOf, stringAt } from '../kubernetes/index.ts';
import type { AdmissionEngine } from './engine.ts';
import type { ObjectEvaluation } from './evaluate-object.ts';
import { admittedDocument, evaluateObject } from './evaluate-object.ts';
import type { ImageVerifier } from './image-verifier.ts';
import { withAbort } from './image-verifier.ts';
import type { AdmissionRequest } from './review.ts';

export const ADMISSION_MODES = ['enforce', 'warn', 'audit'] as const;

/** `enforce` denies what the CLI fails; `warn` and `audit` admit it with warnings and audit annotations. */
export type AdmissionMode = (typeof ADMISSION_MODES)[number];

/** What happens when a check cannot decide (registry unreachable, deadline passed, overload). */
export type FailureChoice = 'open' | 'closed';

export interface DecisionSettings {
  readonly mode: AdmissionMode;
  /** Namespaces whose objects are admitted without evaluation. */
  readonly exemptNamespaces?: ReadonlySet<string>;
  readonly imageVerifier?: ImageVerifier;
  /** When the verifier cannot decide: `open` admits with a warning, `closed` (default) denies. */
  readonly imageFailure?: FailureChoice;
  /** At most this many warnings are returned (default 20; Kubernetes shows each one to the user). */
  readonly maxWarnings?: number;
}

export interface DecisionContext {
  readonly now: Date;
  /** Aborts image checks when the request's deadline passes. */
  readonly signal: AbortSignal;
}

/** Why the decision is what it is (a metrics label). */
export type DecisionOutcome = 'allowed' | 'denied' | 'warned' | 'exempt' | 'skipped';

export interface AdmissionDecision {
  readonly allowed: boolean;
  readonly outcome: DecisionOutcome;
  /** The denial's message (every failing finding, one per line). */
  readonly message?: string;
  readonly warnings: readonly string[];
  readonly auditAnnotations: Readonly<Record<string, string>>;
  /** Rule ids, policy names and `image-verification` of what failed (metrics labels), sorted, unique. */
  readonly failingPolicies: readonly string[];
  /** The unsuppressed findings at or above failOn (empty when exempt or skipped). */
  readonly failing: readonly Finding[];
  /** Image checks that could not decide. */
  readonly imageErrors: number;
}

/** Warnings longer than this are cut (Kubernetes truncates long warnings itself). */
const WARNING_MAX = 512;
const DEFAULT_MAX_WARNINGS = 20;

/**
 * The admission decision for one request: the object goes through the CLI's pipeline for one object
 * (`evaluateObject`), and the findings that would fail `palisade scan` (not suppressed, at or above
 * failOn) deny it in `enforce` mode. No HTTP in here; the only input/output is the injected verifier.
 */
export async function decide(engine: AdmissionEngine, request: AdmissionRequest, settings: DecisionSettings, context: DecisionContext): Promise<AdmissionDecision> {
  const { object } = request;
  if (object === undefined || request.operation === 'DELETE' || request.operation === 'CONNECT') return admitted('skipped', { 'palisade.dev/decision': `not evaluated (${request.operation})` });
  const namespace = request.namespace ?? namespaceOf(object);
  if (namespace !== undefined && settings.exemptNamespaces?.has(namespace) === true) return admitted('exempt', { 'palisade.dev/decision': `namespace ${namespace} is exempt` });

  const evaluation = await evaluateObject(engine, admittedDocument(object, namespace), context.now);
  const failing = failingFindings(evaluation.findings, engine.failOn);
  const below = evaluation.findings.filter((finding) => finding.suppression === undefined && !meetsThreshold(finding.severity, engine.failOn));
  const images = await checkImages(object, settings, context.signal);
  const problems = [...unreadable(evaluation), ...failing.map(findingLine), ...images.problems];
  const preexisting = failing.length > 0 && request.operation === 'UPDATE' && request.oldObject !== undefined ? await preexistingLines(engine, request.oldObject, namespace, context.now, failing) : [];
  const failingPolicies = [...new Set([...failing.map((finding) => finding.ruleId), ...(images.problems.length > 0 ? ['image-verification'] : []), ...(unreadable(evaluation).length > 0 ? ['unreadable'] : [])])].sort();
  const auditAnnotations = annotationsOf(evaluation, failingPolicies, preexisting);
  const notes = [...evaluation.expiredExceptions.map(findingLine), ...images.notes];
  const enforcing = settings.mode === 'enforce';
  const allowed = !enforcing || problems.length === 0;
  const warnings = capWarnings([...(enforcing ? [] : problems), ...below.map(findingLine), ...notes], settings.maxWarnings ?? DEFAULT_MAX_WARNINGS);
  return {
    allowed,
    outcome: allowed ? (problems.length > 0 ? 'warned' : 'allowed') : 'denied',
    ...(allowed ? {} : { message: denialMessage(object, namespace, problems, engine.failOn) }),
    warnings,
    auditAnnotations: { ...auditAnnotations, 'palisade.dev/decision': allowed ? (problems.length > 0 ? `admitted in ${settings.mode} mode` : 'allowed') : 'denied' },
    failingPolicies,
    failing,
    imageErrors: images.errors,
  };
}

/**
 * An object the manifest loader could not read (nesting deeper than it reads) has no findings, and
 * `palisade scan` would pass it with an error entry; admission denies it instead (fail-closed).
 */
function unreadable(evaluation: ObjectEvaluation): string[] {
  if (evaluation.objects > 0) return [];
  const reasons = evaluation.errors.filter((error) => error.code === 'PARSE_FAILED').map((error) => error.message);
  return [`unreadable: palisade could not read the object: ${reasons.length === 0 ? 'it holds no apiVersion and kind' : reasons.join('; ')}`];
}

/** The findings that fail `palisade scan` (its gate verdict): not suppressed, at or above failOn. */
export function failingFindings(findings: readonly Finding[], failOn: Threshold): Finding[] {
  return findings.filter((finding) => finding.suppression === undefined && meetsThreshold(finding.severity, failOn));
}

/** One finding as a line of a denial or warning. */
export function findingLine(finding: Finding): string {
  return `${finding.ruleId} ${finding.slug} (${finding.severity}): ${finding.message}`;
}

function admitted(outcome: DecisionOutcome, auditAnnotations: Readonly<Record<string, string>>): AdmissionDecision {
  return { allowed: true, outcome, warnings: [], auditAnnotations, failingPolicies: [], failing: [], imageErrors: 0 };
}

function namespaceOf(object: JsonObject): string | undefined {
  const { namespace } = objectRefOf(object);
  return namespace === '' ? undefined : namespace;
}

function denialMessage(object: JsonObject, namespace: string | undefined, problems: readonly string[], failOn: Threshold): string {
  const ref = objectRefOf(object);
  const what = `${ref.kind === '' ? 'object' : ref.kind} ${namespace === undefined ? '' : `${namespace}/`}${ref.name ?? ''}`.trim();
  return `palisade denied ${what}: ${problems.length} problem(s) at or above ${failOn}:\n${problems.map((line) => `- ${line}`).join('\n')}`;
}

/** Failing lines that the old object already had (an UPDATE that did not introduce them). */
async function preexistingLines(engine: AdmissionEngine, oldObject: JsonObject, namespace: string | undefined, now: Date, failing: readonly Finding[]): Promise<string[]> {
  const before = await evaluateObject(engine, admittedDocument(oldObject, namespace), now);
  const old = new Set(failingFindings(before.findings, engine.failOn).map(findingLine));
  return failing.map(findingLine).filter((line) => old.has(line));
}

function annotationsOf(evaluation: ObjectEvaluation, failingPolicies: readonly string[], preexisting: readonly string[]): Record<string, string> {
  const annotations: Record<string, string> = {};
  if (failingPolicies.length > 0) annotations['palisade.dev/failing'] = failingPolicies.join(',');
  const counted = evaluation.findings.filter((finding) => finding.suppression === undefined).length;
  annotations['palisade.dev/findings'] = String(counted);
  const suppressed = evaluation.findings.length - counted;
  if (suppressed > 0) annotations['palisade.dev/suppressed'] = String(suppressed);
  if (preexisting.length > 0) annotations['palisade.dev/preexisting'] = String(preexisting.length);
  if (evaluation.errors.length > 0) annotations['palisade.dev/errors'] = evaluation.errors.map((error) => `${error.code}: ${error.message}`).join('; ').slice(0, WARNING_MAX);
  for (const published of evaluation.auditAnnotations) annotations[`${published.policy}.${published.key}`.slice(0, 63)] = published.value;
  return annotations;
}

function capWarnings(lines: readonly string[], max: number): string[] {
  const cut = lines.map((line) => (line.length > WARNING_MAX ? `${line.slice(0, WARNING_MAX - 1)}…` : line));
  if (cut.length <= max) return cut;
  return [...cut.slice(0, Math.max(0, max - 1)), `… and ${cut.length - max + 1} more finding(s)`];
}

interface ImageChecks {
  readonly problems: readonly string[];
  readonly notes: readonly string[];
  readonly errors: number;
}

/** Every distinct image of the object's pod spec through the verifier, at once, within the deadline. */
async function checkImages(object: JsonObject, settings: DecisionSettings, signal: AbortSignal): Promise<ImageChecks> {
  const verifier = settings.imageVerifier;
  const pod = verifier === undefined ? undefined : podSpecOf(object);
  if (verifier === undefined || pod === undefined) return { problems: [], notes: [], errors: 0 };
  const references = [...new Set(containersOf(pod).flatMap((container) => stringAt(container.container, 'image') ?? []))].filter((image) => image !== '');
  // withAbort: a verifier that ignores the signal still cannot hold the decision past the deadline.
  const results = await Promise.allSettled(references.map((reference) => withAbort(verifier.verify(reference, signal), signal)));
  const problems: string[] = [];
  const notes: string[] = [];
  let errors = 0;
  results.forEach((result, index) => {
    const reference = references[index] ?? '';
    if (result.status === 'fulfilled') {
      if (!result.value.verified) problems.push(`image-verification: image ${reference}: ${result.value.message ?? 'not verified'}`);
      return;
    }
    errors += 1;
    const reason = `image-verification: image ${reference} could not be checked (${result.reason instanceof Error ? result.reason.message : String(result.reason)})`;
    if (settings.imageFailure === 'open') notes.push(`${reason}; admitted (fail-open)`);
    else problems.push(`${reason}; denied (fail-closed)`);
  });
  return { problems, notes, errors };
}
