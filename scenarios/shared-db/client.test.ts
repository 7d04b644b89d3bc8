import { describe, it, expect } from 'vitest';
import { writeFailure } from './client';
import type { HttpResult } from '../../main/engine/workload/http-json';

const res = (status: number, body: unknown, node?: string): HttpResult => ({
  status,
  body,
  headers: node ? { 'x-served-by': node } : {},
});

describe('writeFailure: what a non-success answer means for an order or a sale', () => {
  it('409 and 400 are definite fails, with the service’s reason', () => {
    expect(writeFailure(res(409, { error: 'sold out' }, 'order-1'))).toEqual({
      type: 'fail',
      node: 'order-1',
      error: 'HTTP 409: sold out',
    });
    expect(writeFailure(res(400, { error: 'bad' }, 'order-2')).type).toBe('fail');
  });

  it('503 from the service (database failed before COMMIT) and from HAProxy (no server) are fails', () => {
    expect(writeFailure(res(503, { error: 'cannot reach the database', definite: true }, 'order-2'))).toEqual(
      {
        type: 'fail',
        node: 'order-2',
        error: 'HTTP 503: cannot reach the database',
      },
    );
    expect(writeFailure(res(503, '<html>No server is available</html>'))).toEqual({
      type: 'fail',
      node: undefined,
      error: 'HTTP 503 (no instance available)',
    });
  });

  it('a 500 whose COMMIT broke off, a 502 or a 504 leave the outcome unknown', () => {
    expect(writeFailure(res(500, { error: 'during COMMIT', definite: false }, 'order-1')).type).toBe('info');
    expect(writeFailure(res(502, 'bad gateway')).type).toBe('info');
    expect(writeFailure(res(504, 'gateway timeout')).type).toBe('info');
  });

  it('a 500 the service marks definite is a fail', () => {
    expect(writeFailure(res(500, { error: 'x', definite: true }, 'order-1')).type).toBe('fail');
  });
});
