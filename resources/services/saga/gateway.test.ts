import { describe, it, expect } from 'vitest';
import { coordinate, type StepCall } from './gateway';
import type { PeerResult } from './peer';

const ok: PeerResult = { kind: 'ok', status: 200, body: {} };

function calls(answer: (step: string) => PeerResult): StepCall & { log: string[] } {
  const log: string[] = [];
  const f: StepCall = async (service, step) => {
    log.push(`${service}:${step}`);
    return answer(step);
  };
  return Object.assign(f, { log });
}

describe('coordinate (the synchronous gateway)', () => {
  it('calls every participant once and succeeds', async () => {
    const c = calls(() => ok);
    expect(await coordinate({ saga: 'o1' }, c)).toEqual({ ok: true });
    expect(c.log).toEqual(['order:create-order', 'inventory:reserve', 'payment:charge']);
  });

  it('a declined charge rolls back inventory then order: a clean failure', async () => {
    const c = calls((s) =>
      s === 'charge' ? { kind: 'declined', status: 409, body: {}, reason: 'card declined' } : ok,
    );
    const r = await coordinate({ saga: 'o1' }, c);
    expect(r).toMatchObject({
      ok: false,
      failedAt: 'charge',
      uncertain: false,
      rolledBack: ['inventory', 'order'],
      rollbackFailed: [],
    });
    expect(c.log.slice(3)).toEqual(['inventory:release', 'order:cancel-order']);
  });

  it('a participant that died after committing: its rollback fails, a partial failure', async () => {
    let inventoryDown = false;
    const c = calls((s) => {
      if (s === 'reserve') {
        inventoryDown = true;
        return { kind: 'unknown', error: 'socket hang up' };
      }
      if (s === 'release' && inventoryDown) return { kind: 'unreachable', error: 'ECONNREFUSED' };
      return ok;
    });
    const r = await coordinate({ saga: 'o1' }, c);
    expect(r).toMatchObject({
      ok: false,
      failedAt: 'reserve',
      uncertain: true,
      rolledBack: ['order'],
      rollbackFailed: ['inventory'],
    });
  });

  it('an unreachable participant was not changed: no rollback sent to it', async () => {
    const c = calls((s) => (s === 'reserve' ? { kind: 'unreachable', error: 'ECONNREFUSED' } : ok));
    const r = await coordinate({ saga: 'o1' }, c);
    expect(r).toMatchObject({ ok: false, uncertain: false, rolledBack: ['order'], rollbackFailed: [] });
    expect(c.log).not.toContain('inventory:release');
  });
});
