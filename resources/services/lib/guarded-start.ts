// A role's start that leaves nothing behind when it fails half-way: what it opens is
// registered with a closer, closed in reverse order when the start throws (serveRole then
// starts it again from the top) and when the role stops.
import type { StartedRole } from './serve-role';

export class Opened {
  private readonly closers: (() => Promise<unknown> | unknown)[] = [];
  add<T>(value: T, close: (v: T) => Promise<unknown> | unknown): T {
    this.closers.push(() => close(value));
    return value;
  }
  async closeAll(): Promise<void> {
    // A closer that throws (even at once) does not keep the others from running.
    for (const c of this.closers.splice(0).reverse())
      await Promise.resolve()
        .then(c)
        .catch(() => undefined);
  }
}

/** Runs a role's start; on failure closes what it opened and throws. */
export async function guarded(
  start: (o: Opened) => Promise<Omit<StartedRole, 'stop'>>,
): Promise<StartedRole> {
  const opened = new Opened();
  try {
    const s = await start(opened);
    return { ...s, stop: () => opened.closeAll() };
  } catch (e) {
    await opened.closeAll();
    throw e;
  }
}
