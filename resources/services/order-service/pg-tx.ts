// Transactions on PostgreSQL that say honestly whether a failed write may have happened.
// A failure before COMMIT was sent is definite (the server rolls back a transaction whose
// connection dies), and so is any error the server itself answered with (a SQLSTATE).
// Only a broken connection or a timeout while COMMIT was in flight leaves the outcome unknown.

export interface SqlResult {
  rows: Record<string, unknown>[];
  rowCount: number | null;
}

/** The small part of a pg PoolClient used here. */
export interface SqlClient {
  query(sql: string, params?: unknown[]): Promise<SqlResult>;
  /** `true` destroys the connection instead of returning it to the pool. */
  release(destroy?: boolean): void;
}

export interface SqlPool {
  connect(): Promise<SqlClient>;
}

export class DbError extends Error {
  constructor(
    message: string,
    /** True when the operation certainly did not take effect. */
    public readonly definite: boolean,
    /** SQLSTATE when the server answered, else the socket error code, if any. */
    public readonly code?: string,
  ) {
    super(message);
    this.name = 'DbError';
  }
}

/** An error the PostgreSQL server sent (pg's DatabaseError carries severity and SQLSTATE). */
export function isServerError(e: unknown): e is Error & { code: string } {
  if (typeof e !== 'object' || e === null) return false;
  const o = e as { code?: unknown; severity?: unknown };
  return typeof o.code === 'string' && /^[0-9A-Z]{5}$/.test(o.code) && typeof o.severity === 'string';
}

function codeOf(e: unknown): string | undefined {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : undefined;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message || e.name : String(e);
}

export interface TxOptions {
  /** The statement that opens the transaction (default BEGIN, i.e. READ COMMITTED). */
  begin?: string;
}

/** What a transaction body returns: its value, and whether to COMMIT (else ROLLBACK). */
export interface TxOutcome<T> {
  value: T;
  commit: boolean;
}

/**
 * Runs `body` in a transaction on a pooled connection. Throws DbError: definite unless the
 * connection failed while COMMIT was in flight. A broken connection is destroyed, not reused.
 */
export async function inTx<T>(
  pool: SqlPool,
  body: (c: SqlClient) => Promise<TxOutcome<T>>,
  o: TxOptions = {},
): Promise<T> {
  let client: SqlClient;
  try {
    client = await pool.connect();
  } catch (e) {
    throw new DbError(`cannot reach the database: ${messageOf(e)}`, true, codeOf(e));
  }
  let committing = false;
  try {
    await client.query(o.begin ?? 'BEGIN');
    const out = await body(client);
    committing = out.commit;
    await client.query(out.commit ? 'COMMIT' : 'ROLLBACK');
    client.release();
    return out.value;
  } catch (e) {
    if (isServerError(e)) {
      // The connection works: leave the aborted transaction and reuse it.
      try {
        await client.query('ROLLBACK');
        client.release();
      } catch {
        client.release(true);
      }
      throw new DbError(messageOf(e), true, e.code);
    }
    client.release(true);
    if (e instanceof DbError) throw e;
    const definite = !committing;
    const what = committing
      ? 'the connection failed during COMMIT: outcome unknown'
      : 'the connection failed before COMMIT';
    throw new DbError(`${what} (${messageOf(e)})`, definite, codeOf(e));
  }
}

/** Runs read-only statements in a transaction that is always rolled back. */
export function readTx<T>(pool: SqlPool, body: (c: SqlClient) => Promise<T>, o: TxOptions = {}): Promise<T> {
  return inTx(pool, async (c) => ({ value: await body(c), commit: false }), o);
}
