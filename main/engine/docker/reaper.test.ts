import { describe, it, expect } from 'vitest';
import { ownerAlive, currentOwner } from './reaper';
import { labelsFor, isManaged, managedFilter } from './labels';

describe('ownership', () => {
  it('this process is alive; a dead pid is not; another host is not judged', () => {
    const me = currentOwner();
    expect(ownerAlive(labelsFor('r', me), me)).toBe(true);
    expect(ownerAlive(labelsFor('r', { ...me, pid: 2 ** 22 + 12345 }), me)).toBe(false);
    expect(ownerAlive(labelsFor('r', { ...me, pid: 2 ** 22 + 12345, host: 'elsewhere' }), me)).toBe(true);
  });
  it('an earlier process with the same pid (pid reuse) counts as dead', () => {
    const me = currentOwner();
    expect(ownerAlive(labelsFor('r', { ...me, started: me.started - 100_000 }), me)).toBe(false);
  });
  it('only the managed label makes an object the lab’s', () => {
    expect(isManaged({ 'io.chaoslab.managed': 'true' })).toBe(true);
    expect(isManaged({ name: 'chaoslab-x-order-1' })).toBe(false);
    expect(managedFilter('run1').label).toEqual(['io.chaoslab.managed=true', 'io.chaoslab.run=run1']);
  });
});
