import { describe, it, expect } from 'vitest';
import { tryResult } from './client';

describe('tryResult', () => {
  it('201 is a new order, 200 the order an earlier try with the same key made', () => {
    expect(tryResult(201, { id: 'o3', created: true })).toEqual({
      kind: 'order',
      orderId: 'o3',
      created: true,
    });
    expect(tryResult(200, { id: 'o3', created: false })).toEqual({
      kind: 'order',
      orderId: 'o3',
      created: false,
    });
  });

  it('400 and 422 are refusals; 503 may be tried again; a 500 leaves the outcome unknown', () => {
    expect(tryResult(422, { error: 'key reused' })).toEqual({
      kind: 'refused',
      error: 'HTTP 422: key reused',
    });
    expect(tryResult(503, { error: 'starting' })).toMatchObject({ kind: 'unknown', retry: true });
    expect(tryResult(500, { error: 'order committed, event not published' })).toMatchObject({
      kind: 'unknown',
      retry: false,
    });
    expect(tryResult(201, {})).toMatchObject({ kind: 'unknown' });
  });
});
