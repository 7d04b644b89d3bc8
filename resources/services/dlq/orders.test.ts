import { describe, it, expect } from 'vitest';
import { requestControls } from './orders';
import type { Request } from '../lib/json-server';

const req = (headers: Record<string, string>): Request => ({
  method: 'POST',
  path: '/orders',
  headers,
  query: new URLSearchParams(),
  body: {},
});

describe('requestControls', () => {
  it('reads the idempotency key and the lab’s stall', () => {
    expect(requestControls(req({}))).toEqual({ key: null, stallMs: 0 });
    expect(requestControls(req({ 'idempotency-key': ' k1 ', 'x-lab-stall-ms': '1500' }))).toEqual({
      key: 'k1',
      stallMs: 1500,
    });
  });

  it('refuses an empty key or a bad stall', () => {
    expect(requestControls(req({ 'idempotency-key': ' ' }))).toMatchObject({ status: 400 });
    expect(requestControls(req({ 'x-lab-stall-ms': '-1' }))).toMatchObject({ status: 400 });
    expect(requestControls(req({ 'x-lab-stall-ms': '1e9' }))).toMatchObject({ status: 400 });
  });
});
