// What changes on every redraw of a chart (its series, open fault intervals, "now"), handed
// to the layers drawn inside the recharts frame through a context: a new batch of samples
// re-renders only those layers, never the axes, grid and the rest of recharts' tree, which
// depend on the domains alone.
import { createContext } from 'react';
import type { FaultInterval } from '../model/run-model';
import type { Point } from '../model/lttb';

export interface PathSeries {
  key: string;
  color: string;
  points: readonly Point[];
}

export interface PlotData {
  series: readonly PathSeries[];
  faults: readonly FaultInterval[];
  /** Time of "now" for faults still open (ms). */
  endT: number;
  /** Subtracted from every t (ms) before plotting. */
  offsetMs: number;
  step: boolean;
}

export const EMPTY_PLOT: PlotData = { series: [], faults: [], endT: 0, offsetMs: 0, step: false };

export const PlotDataContext = createContext<PlotData>(EMPTY_PLOT);

export type Scale = (v: unknown) => number | undefined;

/**
 * A linear scale is fixed by where it puts two values: a cheap identity for "the axes did
 * not move", whatever object recharts hands out.
 */
export function scaleKey(x: Scale, y: Scale): string {
  return `${x(0)},${x(1)},${y(0)},${y(1)}`;
}
