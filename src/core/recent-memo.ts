/**
 * A function's answers for the last `size` keys, compared by identity: for values derived from an
 * object that several callers ask for one after another (the rules of one manifest object, the Pod
 * Security rules of one pod).
 *
 * Why not a `WeakMap` keyed by the object: V8's young-generation collector treats a WeakMap entry as
 * an ephemeron that only a full collection clears, so every object used as a key (and its derived
 * value) survives the scavenges and is promoted to the old generation. In the admission webhook that
 * was 27 KB promoted per request, and full collections of 50–160 ms (decision 0035-e). Here the last
 * few keys are held strongly until later keys push them out, and then die young.
 */
export function recentMemo<K, V>(size: number, compute: (key: K) => V): (key: K) => V {
  const recent = new Map<K, { readonly value: V }>();
  return (key) => {
    const known = recent.get(key);
    if (known !== undefined) return known.value;
    const value = compute(key);
    recent.set(key, { value });
    const oldest = recent.size > size ? recent.keys().next() : undefined;
    if (oldest?.done === false) recent.delete(oldest.value);
    return value;
  };
}
