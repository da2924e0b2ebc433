/**
 * A function's answers for the last `size` keys, compared by identity: for values derived from an
 * object that several callers ask for one after another (the rules of one manifest object, the Pod
 * Security rules of one pod).
 *
 * Why not a `WeakMap` keyed by the object: V8's young-generation collector treats a WeakMap entry as
 * an ephemeron that only a full collection clears, so every object used as a key (and its derived
 * value) survives the scavenges and is promoted to the old generation. In the admission webhook that
 * was 27 KB promoted per request, and full collections of 50–160 ms (decision 0035-e).
 *
 * Why not a `Map` either: a long-lived `Map` whose keys were each request's objects still made V8
 * promote about 26 KB per admission decision (measured with `--trace-gc-nvp`: whole requests promoted
 * at every scavenge, freed only by full collections; decision 0036-e). The last keys are kept in a
 * small ring instead, searched by identity (`size` is a handful), and are dropped in the order they came.
 * The Dockerfile area keeps its per-file values with `size` 1: with WeakMaps, every file's shell model
 * was promoted (21.5 MB over the 308 corpus files; decision 0036-a-dockerfile-last-file-memos).
 */
export function recentMemo<K, V>(size: number, compute: (key: K) => V): (key: K) => V {
  const ring: { readonly key: K; readonly value: V }[] = [];
  let next = 0;
  return (key) => {
    // An indexed loop: `for…of` outside optimised code makes an iterator and a result object per entry
    // visited, and the Kubernetes rules call their memos for every object (92 MB of a 10,000-object
    // scan; decision 0037-b-kubernetes-scan-allocation).
    for (let index = 0; index < ring.length; index += 1) {
      const entry = ring[index];
      if (entry !== undefined && sameValueZero(entry.key, key)) return entry.value;
    }
    const value = compute(key);
    if (size < 1) return value;
    ring[next] = { key, value };
    next = (next + 1) % size;
    return value;
  };
}

/** Map's key equality: `===`, except that NaN equals NaN. */
function sameValueZero(a: unknown, b: unknown): boolean {
  return a === b || (a !== a && b !== b);
}
