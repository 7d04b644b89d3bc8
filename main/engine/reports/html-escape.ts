// Escaping for the HTML report: every piece of text from a run goes through here. URLs in
// text are defused (the report must contain no external address, not even as text).

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/[&<>"']/g, (c) => ENTITIES[c])
    .replace(/\b(https?|ftp|wss?):\/\//gi, '$1&#58;//');
}

/** Formats ms since the run started as seconds: 2000 -> "2.000 s". */
export function fmtSeconds(ms: number, digits = 3): string {
  return `${(ms / 1000).toFixed(digits)} s`;
}

function compact(v: unknown, depth: number): string {
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v !== 'object') return String(v);
  if (depth > 4) return Array.isArray(v) ? '[…]' : '{…}';
  if (Array.isArray(v)) return `[${v.map((x) => compact(x === undefined ? null : x, depth + 1)).join(', ')}]`;
  const fields = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .map(
      ([k, x]) => `${/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : JSON.stringify(k)}: ${compact(x, depth + 1)}`,
    );
  return `{${fields.join(', ')}}`;
}

/** A compact one-line rendering of an example: JSON-like, keys unquoted, undefined fields left out. */
export function compactJson(v: unknown, max = 300): string {
  const s = compact(v, 0);
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}
