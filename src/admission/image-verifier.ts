/** What a verifier says about one image reference. */
export interface ImageVerdict {
  /** True when the image meets the verification policy (signatures, attestations, vulnerability gate). */
  readonly verified: boolean;
  /** The digest that was checked (`sha256:…`), when known: what a `/mutate` would pin. */
  readonly digest?: string;
  /** Why the image fails (shown in the denial), or a note when it passes. */
  readonly message?: string;
}

/**
 * Checks one image against the verification policy. It rejects (throws) only when it could not decide
 * (registry unreachable, timeout): the configured failure choice then applies. It should stop when
 * `signal` aborts. Helpers E/F's signing verification is wired in behind this interface.
 */
export interface ImageVerifier {
  verify(reference: string, signal: AbortSignal): Promise<ImageVerdict>;
}

export interface CachingVerifierOptions {
  /** How long a verdict for a reference pinned by digest is kept (default 10 minutes). */
  readonly digestTtlMs?: number;
  /** How long a verdict for a tag is kept: tags move (default 30 seconds). */
  readonly tagTtlMs?: number;
  /** At most this many verdicts are kept (oldest dropped first; default 10,000). */
  readonly maxEntries?: number;
  /** The shared call's own limit, whoever waits for it (default 30 seconds). */
  readonly callTimeoutMs?: number;
  readonly now?: () => number;
}

interface CacheEntry {
  readonly verdict: ImageVerdict;
  readonly expires: number;
}

/**
 * Wraps a verifier: verdicts are cached by digest (a reference pinned with `@sha256:…` is keyed by
 * its digest alone, so the same image under two names is checked once) or, for tags, by reference for
 * a short time; identical checks in flight at once share one call. Failures are never cached.
 */
export class CachingImageVerifier implements ImageVerifier {
  readonly #inner: ImageVerifier;
  readonly #cache = new Map<string, CacheEntry>();
  readonly #inFlight = new Map<string, Promise<ImageVerdict>>();
  readonly #digestTtl: number;
  readonly #tagTtl: number;
  readonly #maxEntries: number;
  readonly #callTimeout: number;
  readonly #now: () => number;
  /** Calls that reached the inner verifier (for tests and metrics). */
  calls = 0;

  constructor(inner: ImageVerifier, options: CachingVerifierOptions = {}) {
    this.#inner = inner;
    this.#digestTtl = options.digestTtlMs ?? 600_000;
    this.#tagTtl = options.tagTtlMs ?? 30_000;
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#callTimeout = options.callTimeoutMs ?? 30_000;
    this.#now = options.now ?? Date.now;
  }

  verify(reference: string, signal: AbortSignal): Promise<ImageVerdict> {
    const key = cacheKey(reference);
    const cached = this.#cache.get(key);
    if (cached !== undefined && cached.expires > this.#now()) return Promise.resolve(cached.verdict);
    const pending = this.#inFlight.get(key);
    if (pending !== undefined) return withAbort(pending, signal);
    // The shared call is not tied to the first caller's deadline: each caller waits with its own.
    this.calls += 1;
    const started = this.#inner.verify(reference, AbortSignal.timeout(this.#callTimeout)).then((verdict) => {
      this.#remember(key, verdict, key.startsWith('sha256:') ? this.#digestTtl : this.#tagTtl);
      if (verdict.digest !== undefined && !key.startsWith('sha256:')) this.#remember(verdict.digest, verdict, this.#digestTtl);
      return verdict;
    });
    const shared = started.finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, shared);
    return withAbort(shared, signal);
  }

  #remember(key: string, verdict: ImageVerdict, ttl: number): void {
    this.#cache.delete(key);
    this.#cache.set(key, { verdict, expires: this.#now() + ttl });
    while (this.#cache.size > this.#maxEntries) {
      const oldest = this.#cache.keys().next();
      if (oldest.done === true) break;
      this.#cache.delete(oldest.value);
    }
  }
}

/** `repo@sha256:abc` → `sha256:abc`; a tag reference stays as written. */
export function cacheKey(reference: string): string {
  const at = reference.lastIndexOf('@');
  if (at === -1) return reference;
  const digest = reference.slice(at + 1);
  return /^sha256:[0-9a-f]{64}$/.test(digest) ? digest : reference;
}

/** Waits for `promise` unless `signal` aborts first (then rejects with the signal's reason). */
export function withAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolvePromise, rejectPromise) => {
    const onAbort = (): void => rejectPromise(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolvePromise(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        rejectPromise(error);
      },
    );
  });
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('the check was aborted');
}
