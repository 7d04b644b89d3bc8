import { describe, it, expect } from 'vitest';
import { inTx, readTx, DbError, isServerError } from './pg-tx';
import { fakeDb } from './pg-fake.fixture';

const serverError = (code: string) =>
  Object.assign(new Error(`server says ${code}`), { code, severity: 'ERROR' });
const socketError = (code: string) => Object.assign(new Error(`socket ${code}`), { code });

async function caught(p: Promise<unknown>): Promise<DbError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DbError) return e;
    throw e;
  }
  throw new Error('expected a DbError');
}

describe('inTx', () => {
  it('commits what the body asks to commit and returns the connection to the pool', async () => {
    const db = fakeDb(5);
    const v = await inTx(db, async (c) => {
      await c.query('UPDATE products SET stock = $2 WHERE id = $1', ['hot', 4]);
      return { value: 'done', commit: true };
    });
    expect(v).toBe('done');
    expect(db.stock).toBe(4);
    expect(db.log).toEqual(['BEGIN', 'UPDATE products SET stock = $2 WHERE id = $1', 'COMMIT']);
    expect(db.released).toEqual([{ destroyed: false }]);
  });

  it('rolls back when the body says not to commit', async () => {
    const db = fakeDb(5);
    await inTx(db, async (c) => {
      await c.query('UPDATE products SET stock = $2 WHERE id = $1', ['hot', 4]);
      return { value: null, commit: false };
    });
    expect(db.stock).toBe(5);
    expect(db.log.at(-1)).toBe('ROLLBACK');
  });

  it('a database that cannot be reached is a definite failure', async () => {
    const db = fakeDb(5);
    db.failConnect = socketError('ENOTFOUND');
    const e = await caught(inTx(db, async () => ({ value: 1, commit: true })));
    expect(e.definite).toBe(true);
    expect(e.code).toBe('ENOTFOUND');
  });

  it('a connection lost before COMMIT is definite, and the connection is destroyed', async () => {
    const db = fakeDb(5);
    db.failNext(/^UPDATE/, new Error('Query read timeout'));
    const e = await caught(
      inTx(db, async (c) => {
        await c.query('UPDATE products SET stock = $2 WHERE id = $1', ['hot', 4]);
        return { value: 1, commit: true };
      }),
    );
    expect(e.definite).toBe(true);
    expect(db.released).toEqual([{ destroyed: true }]);
  });

  it('a connection lost during COMMIT leaves the outcome unknown', async () => {
    const db = fakeDb(5);
    db.failNext(/^COMMIT$/, socketError('ECONNRESET'));
    const e = await caught(inTx(db, async () => ({ value: 1, commit: true })));
    expect(e.definite).toBe(false);
    expect(e.message).toMatch(/outcome unknown/);
    expect(db.released).toEqual([{ destroyed: true }]);
  });

  it('an error the server answered is definite, even on COMMIT, and the connection is kept', async () => {
    const db = fakeDb(5);
    db.failNext(/^COMMIT$/, serverError('40001'));
    const e = await caught(inTx(db, async () => ({ value: 1, commit: true })));
    expect(e.definite).toBe(true);
    expect(e.code).toBe('40001');
    expect(db.log.at(-1)).toBe('ROLLBACK');
    expect(db.released).toEqual([{ destroyed: false }]);
  });

  it('readTx never commits', async () => {
    const db = fakeDb(3);
    const rows = await readTx(
      db,
      async (c) => (await c.query('SELECT stock, version FROM products WHERE id = $1', ['hot'])).rows,
    );
    expect(rows).toEqual([{ stock: 3, version: 0 }]);
    expect(db.log).toEqual(['BEGIN', 'SELECT stock, version FROM products WHERE id = $1', 'ROLLBACK']);
  });
});

describe('isServerError', () => {
  it('tells a SQLSTATE from a socket error code', () => {
    expect(isServerError(serverError('23505'))).toBe(true);
    expect(isServerError(socketError('EPIPE'))).toBe(false);
    expect(isServerError(socketError('ECONNREFUSED'))).toBe(false);
    expect(isServerError('23505')).toBe(false);
  });
});
