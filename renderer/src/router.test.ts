import { describe, expect, it } from 'vitest';
import { href, parseRoute, type Route } from './router';

describe('routes', () => {
  it.each<Route>([
    { name: 'scenarios' },
    { name: 'scenario', id: 'split-stores' },
    { name: 'run', runId: '20250101T1200-split-stores-ab12' },
    { name: 'history' },
    { name: 'compare', a: 'r1', b: 'r 2' },
    { name: 'engine' },
  ])('round-trip %j', (r) => expect(parseRoute(href(r))).toEqual(r));

  it('falls back to the gallery', () => expect(parseRoute('#/nope')).toEqual({ name: 'scenarios' }));
});
