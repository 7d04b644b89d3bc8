// Reading an op's loosely typed value the way the engine's checkers do: adds carry {id}
// (or a bare id), reads carry {ids: [...]} (or a bare list). Pure.

export function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const id = (value as { id?: unknown }).id;
    if (typeof id === 'string') return id;
    if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  }
  return undefined;
}

export function idsOf(value: unknown): string[] | undefined {
  const list = Array.isArray(value)
    ? value
    : typeof value === 'object' && value !== null
      ? (value as { ids?: unknown }).ids
      : undefined;
  return Array.isArray(list)
    ? list.filter((x) => typeof x === 'string' || typeof x === 'number').map(String)
    : undefined;
}
