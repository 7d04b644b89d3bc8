// Reading the loosely typed `value` of an op: adds carry {id}, reads carry {ids: [...]}.
// Pure helpers shared by the checkers; anything else is ignored rather than guessed.

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The id an add op names: `{id: "o1"}` (a bare string or number is accepted too). */
export function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (isRecord(value)) {
    const id = value.id;
    if (typeof id === 'string') return id;
    if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  }
  return undefined;
}

/** The ids a read op returned: `{ids: [...]}`; undefined when the value holds no list. */
export function idsOf(value: unknown): string[] | undefined {
  const list = Array.isArray(value) ? value : isRecord(value) ? value.ids : undefined;
  if (!Array.isArray(list)) return undefined;
  const out: string[] = [];
  for (const x of list) {
    if (typeof x === 'string') out.push(x);
    else if (typeof x === 'number' && Number.isFinite(x)) out.push(String(x));
  }
  return out;
}
