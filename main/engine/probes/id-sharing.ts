// A run keeps every sample in memory (the UI replays them, the checks read them), and most
// samples repeat the previous one of their store: the same ids, parsed afresh from JSON each
// time. Sharing keeps one copy: a sample equal to its store's previous one reuses that array,
// and every id string is kept once per run. Pure (no I/O); one instance per run.
export class IdSharing {
  private readonly last = new Map<string, readonly string[]>();
  private readonly strings = new Map<string, string>();

  /** The ids to keep for this sample of `store`: the previous array when equal, else an interned copy. */
  share(store: string, ids: readonly string[]): string[] {
    const prev = this.last.get(store);
    if (prev && prev.length === ids.length && prev.every((id, i) => id === ids[i])) return prev as string[];
    const kept = ids.map((id) => {
      const s = this.strings.get(id);
      if (s !== undefined) return s;
      this.strings.set(id, id);
      return id;
    });
    this.last.set(store, kept);
    return kept;
  }
}
