import { describe, it, expect } from 'vitest';
import { guarded } from './guarded-start';

describe('guarded', () => {
  it('closes what the start opened, in reverse order, when it throws half-way', async () => {
    const closed: string[] = [];
    await expect(
      guarded(async (o) => {
        o.add('pool', (x) => void closed.push(x));
        o.add('producer', (x) => void closed.push(x));
        throw new Error('Kafka at kafka:9092 is not ready');
      }),
    ).rejects.toThrow(/not ready/);
    expect(closed).toEqual(['producer', 'pool']);
  });

  it('a started role closes them on stop, once; a failing closer does not stop the others', async () => {
    const closed: string[] = [];
    const r = await guarded(async (o) => {
      o.add('pool', (x) => void closed.push(x));
      o.add('consumer', () => {
        throw new Error('already gone');
      });
      return { routes: {}, ready: () => true };
    });
    expect(closed).toEqual([]);
    await r.stop();
    await r.stop();
    expect(closed).toEqual(['pool']);
  });
});
