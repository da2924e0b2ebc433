/** A deterministic xorshift sequence of indices below `length` (for generated test input). */
export function randomIndex(seed: number): (length: number) => number {
  let state = seed * 2654435761 || 1;
  return (length) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % length;
  };
}
