// A seeded, deterministic share: does `key` fall in the first `percent` of 100 buckets?
// The same seed and key always give the same answer, so a retried step (after the
// orchestrator restarts) fails or succeeds exactly as the first attempt did. Pure.

/** 32-bit FNV-1a of the text. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The key's bucket in 0..99 for this seed. */
export function bucketOf(seed: number, key: string): number {
  // A final avalanche so that keys differing in their last character spread evenly.
  let h = fnv1a(`${seed}:${key}`);
  h = (h ^ (h >>> 16)) >>> 0;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h = (h ^ (h >>> 13)) >>> 0;
  return h % 100;
}

export function inShare(seed: number, key: string, percent: number): boolean {
  return bucketOf(seed, key) < percent;
}
