import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isPalisadeError, PalisadeError } from '../../../core/errors.ts';
import { issuesError, keyPositionOf, lazyValidator, parseYamlSource, positionOf, schemaIssues, type SourceIssue, type YamlSource } from '../../../config/index.ts';
import { resolvePredicateType } from '../../intoto/index.ts';
import { loadPublicKey } from '../../keys/index.ts';
import { compileCondition } from '../conditions.ts';
import { parseDuration } from '../duration.ts';
import type { AttestationRequirement, ImageRequirements, NamedKey } from '../types.ts';
import { compileGlob, type ImageGlob } from './glob.ts';
import { verifyPolicySchema, type AttestationPolicyInput, type ImagePolicyInput, type VerifyPolicyInput } from './schema.ts';

export interface ImagePolicy {
  readonly name: string;
  readonly globs: readonly ImageGlob[];
  readonly requirements: ImageRequirements;
}

export interface VerifyPolicy {
  readonly path: string;
  readonly keys: readonly NamedKey[];
  readonly noMatch: 'deny' | 'allow';
  readonly images: readonly ImagePolicy[];
}

const validate = lazyValidator<VerifyPolicyInput>(verifyPolicySchema);

/** Reads a policy file and the key files it names (relative to the policy file). */
export async function loadVerifyPolicy(path: string): Promise<VerifyPolicy> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new PalisadeError('POLICY_INVALID', `Cannot read the verification policy ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error, position: { path } });
  }
  return parseVerifyPolicy(path, text, (keyPath) => readFile(resolve(dirname(path), keyPath), 'utf8'));
}

/**
 * Parses a policy: schema, key references, globs, predicate types, durations and CEL conditions are all
 * checked here, so a bad policy fails before any image is verified (POLICY_INVALID, file:line:column).
 */
export async function parseVerifyPolicy(path: string, text: string, readKey: (keyPath: string) => Promise<string>): Promise<VerifyPolicy> {
  const parsed = parseYamlSource(path, text);
  if (!parsed.ok) throw issuesError('POLICY_INVALID', path, parsed.error);
  const { source, data } = parsed.value;
  const check = validate();
  if (!check(data)) throw issuesError('POLICY_INVALID', path, schemaIssues(source, check.errors ?? []));
  const keys = await loadKeys(source, data, readKey);
  const issues: SourceIssue[] = [];
  const images = data.images.map((image, index) => imagePolicy(source, image, `/images/${index}`, keys, issues));
  if (issues.length > 0) throw issuesError('POLICY_INVALID', path, issues);
  return { path, keys: [...keys.values()], noMatch: data.noMatch ?? 'deny', images };
}

async function loadKeys(source: YamlSource, data: VerifyPolicyInput, readKey: (keyPath: string) => Promise<string>): Promise<Map<string, NamedKey>> {
  const keys = new Map<string, NamedKey>();
  for (const [name, spec] of Object.entries(data.keys ?? {})) {
    const where = positionOf(source, `/keys/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`);
    try {
      const pem = spec.publicKey ?? (await readKey(spec.path ?? ''));
      keys.set(name, { name, key: loadPublicKey(pem) });
    } catch (error) {
      const problem = isPalisadeError(error) ? error.message : `cannot read ${spec.path ?? ''}: ${error instanceof Error ? error.message : String(error)}`;
      throw issuesError('POLICY_INVALID', source.path, [{ ...where, message: `key "${name}": ${problem}` }]);
    }
  }
  return keys;
}

function imagePolicy(source: YamlSource, input: ImagePolicyInput, pointer: string, keys: ReadonlyMap<string, NamedKey>, issues: SourceIssue[]): ImagePolicy {
  const globs = (typeof input.glob === 'string' ? [input.glob] : input.glob).map((glob) => compileGlob(glob));
  const name = input.name ?? globs.map((glob) => glob.text).join(', ');
  const signatureKeys = pickKeys(input.signatures?.keys ?? [], keys, source, `${pointer}/signatures`, issues);
  const count = input.signatures?.count ?? signatureKeys.length;
  if (count > (input.signatures?.keys.length ?? 0)) issues.push({ ...keyPositionOf(source, `${pointer}/signatures`, 'count'), message: `count ${count} is more than the ${input.signatures?.keys.length ?? 0} keys listed` });
  const attestations = (input.attestations ?? []).map((attestation, index) => attestationRequirement(source, attestation, `${pointer}/attestations/${index}`, signatureKeys, keys, issues));
  if (input.signatures === undefined && attestations.length === 0) issues.push({ ...positionOf(source, pointer), message: 'the policy requires neither signatures nor attestations' });
  return { name, globs, requirements: { signatureKeys, signatureCount: count, attestations, policies: [name] } };
}

function attestationRequirement(source: YamlSource, input: AttestationPolicyInput, pointer: string, fallback: readonly NamedKey[], keys: ReadonlyMap<string, NamedKey>, issues: SourceIssue[]): AttestationRequirement {
  const requirementKeys = input.keys === undefined ? fallback : pickKeys(input.keys, keys, source, pointer, issues);
  if (requirementKeys.length === 0 && input.keys === undefined) issues.push({ ...keyPositionOf(source, pointer, 'type'), message: 'no keys: list "keys" here or under "signatures"' });
  const predicateType = guarded(() => resolvePredicateType(input.type), source, pointer, 'type', issues) ?? input.type;
  const maxAgeSeconds = input.maxAge === undefined ? undefined : guarded(() => parseDuration(input.maxAge ?? '', 'maxAge'), source, pointer, 'maxAge', issues);
  const conditions = (input.conditions ?? []).flatMap((condition, index) => {
    const program = guarded(() => compileCondition(condition.expression, 'conditions'), source, `${pointer}/conditions/${index}`, 'expression', issues);
    return program === undefined ? [] : [{ expression: condition.expression, program, ...(condition.message === undefined ? {} : { message: condition.message }) }];
  });
  return { predicateType, name: input.type, keys: requirementKeys, conditions, ...(maxAgeSeconds === undefined ? {} : { maxAgeSeconds }) };
}

function pickKeys(names: readonly string[], keys: ReadonlyMap<string, NamedKey>, source: YamlSource, pointer: string, issues: SourceIssue[]): NamedKey[] {
  return names.flatMap((name, index) => {
    const key = keys.get(name);
    if (key === undefined) issues.push({ ...positionOf(source, `${pointer}/keys/${index}`), message: `unknown key "${name}" (declare it under "keys")` });
    return key === undefined ? [] : [key];
  });
}

function guarded<T>(run: () => T, source: YamlSource, pointer: string, key: string, issues: SourceIssue[]): T | undefined {
  try {
    return run();
  } catch (error) {
    if (!isPalisadeError(error)) throw error;
    issues.push({ ...keyPositionOf(source, pointer, key), message: error.message });
    return undefined;
  }
}
