// A consumer group's lag from the offsets Kafka reports, the way kafka-consumer-groups.sh
// --describe computes it: per partition, the log-end offset minus the group's committed
// offset, summed over the group's topics. A partition the group has committed nothing on
// counts from its log-start offset (every message still there is unconsumed). Pure.

export const LAG_PREFIX = 'lag:';
export const LAG_UNIT = 'messages';

/** The gauge series of a group's lag: "lag:<group>". */
export function lagSeriesName(group: string): string {
  return LAG_PREFIX + group;
}

export interface PartitionEnds {
  partition: number;
  /** Log-end offset (high watermark). */
  high: string;
  /** Log-start offset. */
  low: string;
}

export interface PartitionCommit {
  partition: number;
  /** The committed offset: the next message to consume; "-1" or "" when none. */
  offset: string;
}

function parseOffset(s: string): bigint | null {
  if (!/^-?\d+$/.test(s)) return null;
  const n = BigInt(s);
  return n < 0n ? null : n;
}

/** One topic's lag for a group. */
export function topicLag(ends: readonly PartitionEnds[], committed: readonly PartitionCommit[]): number {
  const com = new Map<number, bigint | null>(committed.map((c) => [c.partition, parseOffset(c.offset)]));
  let lag = 0n;
  for (const p of ends) {
    const high = parseOffset(p.high) ?? 0n;
    const from = com.get(p.partition) ?? parseOffset(p.low) ?? 0n;
    if (high > from) lag += high - from;
  }
  return Number(lag);
}

/** A group's lag over its topics: `ends` and `committed` by topic. */
export function groupLag(
  topics: readonly string[],
  ends: ReadonlyMap<string, readonly PartitionEnds[]>,
  committed: ReadonlyMap<string, readonly PartitionCommit[]>,
): number {
  let lag = 0;
  for (const t of topics) lag += topicLag(ends.get(t) ?? [], committed.get(t) ?? []);
  return lag;
}
