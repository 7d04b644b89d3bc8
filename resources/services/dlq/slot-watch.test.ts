import { describe, it, expect } from 'vitest';
import { SlotWatch } from './slot-watch';

describe('SlotWatch', () => {
  it('measures retained and unconfirmed WAL, the peak while inactive, and its release', () => {
    const w = new SlotWatch();
    expect(w.released()).toBeNull();
    w.add({ active: true, restart: '0/1000', confirmed: '0/1800', current: '0/2000' }, 0);
    expect(w.last).toMatchObject({ retainedBytes: 4096, unconfirmedBytes: 2048 });
    expect(w.released()).toBeNull();
    w.add({ active: false, restart: '0/1000', confirmed: '0/1800', current: '0/9000' }, 1);
    w.add({ active: false, restart: '0/1000', confirmed: '0/1800', current: '0/F000' }, 2);
    expect(w.peakInactiveBytes).toBe(0xe000);
    expect(w.heldUntilLsn).toBe('0/F000');
    expect(w.released()).toBe(false);
    w.add({ active: true, restart: '0/1000', confirmed: '0/F800', current: '0/F900' }, 3);
    expect(w.released()).toBe(false); // connected and caught up, but restart_lsn has not moved yet
    w.add({ active: true, restart: '0/E000', confirmed: '0/F900', current: '0/FA00' }, 4);
    expect(w.released()).toBe(false); // moved, not yet past the outage
    w.add({ active: true, restart: '0/F000', confirmed: '0/FA00', current: '0/FB00' }, 5);
    expect(w.released()).toBe(true);
    expect(w.inactiveSamples).toBe(2);
  });

  it('a slot with no restart_lsn (invalidated) holds an unknown amount and is never released', () => {
    const w = new SlotWatch();
    expect(w.add({ active: false, restart: null, confirmed: null, current: '0/10' }, 0)).toMatchObject({
      retainedBytes: null,
      unconfirmedBytes: null,
    });
    w.add({ active: true, restart: null, confirmed: null, current: '0/20' }, 1);
    expect(w.released()).toBe(false);
  });
});
