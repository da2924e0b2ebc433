import type { JsonObject } from '../kubernetes/index.ts';
import { containersOf, podSpecOf, stringAt } from '../kubernetes/index.ts';
import type { ImageVerifier } from './image-verifier.ts';
import type { AdmissionRequest } from './review.ts';

/** One RFC 6902 operation. */
export interface PatchOperation {
  readonly op: 'replace';
  readonly path: string;
  readonly value: string;
}

export interface ImagePinning {
  readonly patch: readonly PatchOperation[];
  /** Images left as written, and why (shown as warnings). */
  readonly notes: readonly string[];
}

/**
 * What `/mutate` does: every container image given by tag that the verifier passes is rewritten to
 * `<reference>@<digest>` (the digest that was verified), so what was checked is what runs. Images
 * already pinned, failing or undecidable ones are left as written: denying is `/validate`'s job.
 */
export async function pinVerifiedImages(request: AdmissionRequest, verifier: ImageVerifier, signal: AbortSignal): Promise<ImagePinning> {
  const pod = request.object === undefined || request.operation !== 'CREATE' ? undefined : podSpecOf(request.object);
  if (pod === undefined) return { patch: [], notes: [] };
  const targets = containersOf(pod).flatMap((container) => {
    const image = stringAt(container.container, 'image');
    return image === undefined || image === '' || image.includes('@') ? [] : [{ pointer: `${container.pointer}/image`, image }];
  });
  const verdicts = await Promise.allSettled(targets.map((target) => verifier.verify(target.image, signal)));
  const patch: PatchOperation[] = [];
  const notes: string[] = [];
  verdicts.forEach((result, index) => {
    const target = targets[index];
    if (target === undefined) return;
    if (result.status === 'rejected') notes.push(`image ${target.image} was not pinned: it could not be checked`);
    else if (result.value.verified && result.value.digest !== undefined) patch.push({ op: 'replace', path: target.pointer, value: `${target.image}@${result.value.digest}` });
    else notes.push(`image ${target.image} was not pinned: it did not pass verification`);
  });
  return { patch, notes };
}

/** The patch as the AdmissionResponse carries it. */
export function encodePatch(patch: readonly PatchOperation[]): string {
  return Buffer.from(JSON.stringify(patch)).toString('base64');
}

/** Applies a patch of `replace` operations to a copy (tests, and a check that a patch applies). */
export function applyPatch(object: JsonObject, patch: readonly PatchOperation[]): JsonObject {
  const copy: unknown = structuredClone(object);
  for (const operation of patch) {
    const keys = operation.path.split('/').slice(1).map((key) => key.replaceAll('~1', '/').replaceAll('~0', '~'));
    const last = keys.pop();
    let node: unknown = copy;
    for (const key of keys) node = isContainer(node) ? Reflect.get(node, Array.isArray(node) ? Number(key) : key) : undefined;
    if (!isContainer(node) || last === undefined) throw new Error(`patch path ${operation.path} does not exist`);
    Reflect.set(node, Array.isArray(node) ? Number(last) : last, operation.value);
  }
  if (typeof copy !== 'object' || copy === null || Array.isArray(copy)) throw new Error('not an object');
  return Object.fromEntries(Object.entries(copy));
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
