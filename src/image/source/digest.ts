import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { PalisadeError } from '../../core/index.ts';

const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

export function isDigest(text: string): boolean {
  return DIGEST.test(text);
}

export function sha256Digest(bytes: Buffer | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function digestOf(algorithm: string, bytes: Buffer): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

/** Throws IMAGE_INVALID unless `bytes` has the expected size (when known) and digest. */
export function verifyBytes(bytes: Buffer, digest: string, size: number | undefined, what: string): void {
  if (size !== undefined && bytes.length !== size) {
    throw new PalisadeError('IMAGE_INVALID', `${what} has ${bytes.length} bytes, expected ${size} (${digest}).`);
  }
  const algorithm = digest.slice(0, digest.indexOf(':'));
  const actual = digestOf(algorithm, bytes);
  if (actual !== digest) throw new PalisadeError('IMAGE_INVALID', `${what} has digest ${actual}, expected ${digest}.`);
}

/**
 * A pass-through stream that hashes what flows through it and fails with IMAGE_INVALID as soon as
 * more than `size` bytes arrive, or at the end when the size or the digest differ.
 */
export function createVerifier(digest: string, size: number, what: string): Transform {
  const algorithm = digest.slice(0, digest.indexOf(':'));
  const hash = createHash(algorithm);
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      seen += chunk.length;
      if (seen > size) {
        callback(new PalisadeError('IMAGE_INVALID', `${what} is larger than the ${size} bytes its descriptor states (${digest}).`));
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback: TransformCallback) {
      if (seen !== size) {
        callback(new PalisadeError('IMAGE_INVALID', `${what} has ${seen} bytes, expected ${size} (${digest}).`));
        return;
      }
      const actual = `${algorithm}:${hash.digest('hex')}`;
      if (actual !== digest) {
        callback(new PalisadeError('IMAGE_INVALID', `${what} has digest ${actual}, expected ${digest}.`));
        return;
      }
      callback();
    },
  });
}
