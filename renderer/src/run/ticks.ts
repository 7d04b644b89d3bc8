// Time-axis ticks for the charts. Pure.

/** Ticks on round seconds (1, 2, 5, 10, 15, 30, 60 … apart), about eight across the domain. */
export function niceTicks([lo, hi]: [number, number], target = 8): number[] {
  const span = Math.max(1e-9, hi - lo);
  const steps = [1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];
  const step = steps.find((s) => span / s <= target) ?? steps[steps.length - 1];
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(v);
  return out;
}

/** Rounds a live time axis' end up to the next tick of its own scale (10 -> 10, 11 -> 12, 95 -> 105). */
export function niceCeil(seconds: number): number {
  const ticks = niceTicks([0, seconds]);
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
  return Math.ceil(seconds / step - 1e-9) * step;
}

/** Value-axis ticks from 0: up to 5 whole-number steps (1, 2, 2.5, 5 x 10^n) above max, with a little headroom. */
export function valueTicks(max: number): number[] {
  const top = Math.max(4, max * 1.05);
  const mag = 10 ** Math.floor(Math.log10(top / 4));
  // Counts: never a fractional step (2.5 only from 25 up).
  const step =
    [1, 2, 2.5, 5, 10]
      .map((m) => m * mag)
      .filter((st) => Number.isInteger(st))
      .find((st) => top / st <= 5) ?? 10 * mag;
  const n = Math.ceil(top / step - 1e-9);
  return Array.from({ length: n + 1 }, (_, i) => Math.round(i * step * 1000) / 1000);
}
