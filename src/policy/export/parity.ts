/**
 * Parity between a Kubernetes rule and its CEL twin: on one object, the twin rejects exactly when the
 * rule reports at least one finding. Used by parity.test.ts, the corpus test and the benchmark.
 * The rule runs on the object alone (no Namespace of the tree), with its default options.
 */
import type { Artifact, Rule } from '../../core/index.ts';
import { createSourceDocument } from '../../core/index.ts';
import { kubernetesAnalyzer } from '../../kubernetes/index.ts';
import type { KubernetesObjectArtifact } from '../../kubernetes/index.ts';
import { toCelValue } from '../cel/index.ts';
import type { CompiledTwin } from './twin.ts';

export interface FixtureObject {
  /** Where the object came from (`file.test.ts#3`, `corpus/x.yaml`). */
  readonly origin: string;
  readonly artifact: KubernetesObjectArtifact;
  /** The object as the API server hands it to admission (null fields dropped, integral numbers as int). */
  readonly celObject: unknown;
}

export interface Disagreement {
  readonly origin: string;
  readonly object: string;
  readonly rule: string;
  readonly ruleRejects: boolean;
  readonly twinRejects: boolean;
  readonly detail: string;
}

/** Objects of one YAML/JSON text (files with analyzer errors still give their good documents). */
export function objectsOfText(origin: string, text: string, path = 'fixture.yaml'): FixtureObject[] {
  const output = kubernetesAnalyzer.analyze(createSourceDocument(path, text));
  return output.artifacts.map((artifact) => ({ origin, artifact, celObject: toCelValue(withoutNulls(artifact.object)) }));
}

/**
 * The API server decodes a request into the typed object and encodes it again for admission, so
 * fields written as `null` never reach a ValidatingAdmissionPolicy: drop them (and null list items
 * stay, as they would fail validation anyway).
 */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== null) out[key] = withoutNulls(item);
  }
  return out;
}

/** True when the rule reports at least one finding on this object alone. */
export function ruleRejects(rule: Rule, artifact: Artifact): boolean {
  let count = 0;
  const sink = { report: (): void => void (count += 1) };
  if (rule.project) rule.checkProject(sink, [artifact]);
  else rule.check(sink, artifact);
  return count > 0;
}

export function compareOne(rule: Rule, twin: CompiledTwin, object: FixtureObject): Disagreement | undefined {
  const byRule = ruleRejects(rule, object.artifact);
  const verdict = twin.evaluate(object.celObject);
  const byTwin = verdict.matched && !verdict.accepted;
  if (byRule === byTwin) return undefined;
  const detail = verdict.matched && !verdict.accepted ? (verdict.error ?? verdict.message) : verdict.matched ? 'accepted' : 'not matched';
  const { ref } = object.artifact;
  return { origin: object.origin, object: `${ref.kind}/${ref.name}`, rule: rule.meta.slug, ruleRejects: byRule, twinRejects: byTwin, detail };
}

/** JS string literals (single-quoted, double-quoted or plain template) that hold a manifest. */
export function manifestLiterals(source: string): string[] {
  const out: string[] = [];
  const literal = /'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\$]|\\.)*)`/g;
  for (const match of source.matchAll(literal)) {
    const body = match[1] ?? match[2] ?? match[3] ?? '';
    if (!body.includes('kind:') && !body.includes('"kind"')) continue;
    const text = unescapeLiteral(body);
    if (text !== undefined) out.push(text);
  }
  return out;
}

function unescapeLiteral(body: string): string | undefined {
  const json = body.replace(/\\'/g, "'").replace(/\\`/g, '`').replace(/(?<!\\)((?:\\\\)*)"/g, '$1\\"');
  try {
    const value: unknown = JSON.parse(`"${json}"`);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Fenced `yaml` blocks of a Markdown page. */
export function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}
