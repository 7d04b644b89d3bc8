// Axis helpers for the report's SVG charts: "nice" tick steps (1, 2, 5 x 10^k). Pure.

export function niceStep(span: number, targetTicks: number): number {
  if (!(span > 0)) return 1;
  const raw = span / Math.max(1, targetTicks);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const nice = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10;
  return nice * mag;
}

/** Ticks from 0 (or min) up to at least max, and the rounded-up maximum they reach. */
export function niceTicks(
  min: number,
  max: number,
  targetTicks = 5,
  integer = false,
): { ticks: number[]; max: number } {
  let step = niceStep(max - min, targetTicks);
  if (integer) step = Math.max(1, Math.round(step));
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = Math.floor(min / step) * step; v <= top + step / 1e6; v += step)
    ticks.push(Number(v.toPrecision(12)));
  return { ticks, max: top > min ? top : min + step };
}

/** Formats a tick value without float noise: 0.30000000004 -> "0.3". */
export function fmtTick(v: number): string {
  if (Math.abs(v) >= 1000) return `${Number((v / 1000).toPrecision(4))}k`;
  return String(Number(v.toPrecision(6)));
}
