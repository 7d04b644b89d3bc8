import { describe, expect, it } from 'vitest';
import { compactJson, escapeHtml, fmtSeconds } from './html-escape';
import { niceTicks, fmtTick } from './chart-scale';

describe('escapeHtml', () => {
  it('escapes markup and quotes', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
  it('defuses URLs so the report holds no external address, while reading the same', () => {
    expect(escapeHtml('see https://example.org and HTTP://x')).toBe(
      'see https&#58;//example.org and HTTP&#58;//x',
    );
  });
});

describe('formatting', () => {
  it('formats times and compact examples', () => {
    expect(fmtSeconds(2000)).toBe('2.000 s');
    expect(compactJson({ id: 'o2', missing: ['a', 'b'], n: undefined })).toBe(
      '{id: "o2", missing: ["a", "b"]}',
    );
    expect(compactJson({ s: 'x'.repeat(500) }, 20)).toHaveLength(20);
  });
  it('makes nice ticks', () => {
    expect(niceTicks(0, 2.2, 5, true)).toEqual({ ticks: [0, 1, 2, 3], max: 3 });
    expect(niceTicks(0, 7, 5)).toEqual({ ticks: [0, 2, 4, 6, 8], max: 8 });
    expect(niceTicks(0, 0.3, 5).ticks).toEqual([0, 0.1, 0.2, 0.3]);
    expect(fmtTick(0.30000000000000004)).toBe('0.3');
    expect(fmtTick(2500)).toBe('2.5k');
  });
});
