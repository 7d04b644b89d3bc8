// PostgreSQL WAL positions (LSNs, "16/B374D848") as numbers, and the lab's way to show an
// amount of WAL as store rows: one id per KiB of WAL, named by the LSN where that KiB begins.

export function parseLsn(text: string): bigint {
  const m = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text.trim());
  if (!m) throw new Error(`not an LSN: "${text}"`);
  return (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`);
}

export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

export const KIB = 1024n;
/** Never list more ids than this (4 GiB of WAL in KiB): the probe stays bounded. */
export const MAX_KIB_IDS = 4 * 1024 * 1024;

/**
 * One id per started KiB of WAL in [from, to). The first id is `from` (restart_lsn); the others
 * are counted back from `to` in whole KiB, so the last id + 1 KiB is exactly `to` (the current
 * WAL position) whenever there are two ids or more. The lab's WAL check compares a later
 * restart_lsn with that position: counted up from `from` instead, the last KiB overshot `to` by
 * up to 1,023 bytes, and a slot that had let go of everything written during an outage (632
 * bytes short of that KiB's end) was reported as still holding it. Beyond `max` ids: the first
 * `max` KiB from `from`.
 */
export function kibIds(from: bigint, to: bigint, max = MAX_KIB_IDS): string[] {
  if (to <= from) return [];
  const n = Number((to - from + KIB - 1n) / KIB);
  const out: string[] = [formatLsn(from)];
  if (n > max) {
    for (let i = 1; i < max; i++) out.push(formatLsn(from + BigInt(i) * KIB));
    return out;
  }
  for (let i = n - 1; i >= 1; i--) out.push(formatLsn(to - BigInt(i) * KIB));
  return out;
}
