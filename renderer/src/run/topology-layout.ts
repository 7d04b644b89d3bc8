// Places the topology's containers in columns by their distance from the entry points
// (nodes nothing links to), links left to right. Pure.
import type { TopologyLink, TopologyNode } from '../model/types';

export interface Placed {
  name: string;
  x: number;
  y: number;
}

export const NODE_W = 168;
export const NODE_H = 62;
/** The least room between two columns: a link and its arrow stay visible. */
export const COLUMN_GAP = 72;
const LEFT = 120;
const RIGHT = 24;

export function layout(
  nodes: readonly TopologyNode[],
  links: readonly TopologyLink[],
  width: number,
  height: number,
): { placed: Map<string, Placed>; entries: string[]; width: number } {
  const names = nodes.map((n) => n.name);
  const depth = new Map<string, number>(names.map((n) => [n, 0]));
  const incoming = new Set(links.map((l) => l.to));
  // Longest path from an entry, bounded by the node count (cycles stop growing).
  for (let pass = 0; pass < names.length; pass++) {
    let changed = false;
    for (const l of links) {
      if (!depth.has(l.from) || !depth.has(l.to)) continue;
      const d = depth.get(l.from)! + 1;
      if (d > depth.get(l.to)! && d < names.length) {
        depth.set(l.to, d);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const columns: string[][] = [];
  for (const n of names) (columns[depth.get(n)!] ??= []).push(n);
  const cols = columns.filter(Boolean);
  const placed = new Map<string, Placed>();
  // Columns never overlap: when they do not fit the width given, the drawing is wider (the
  // view scrolls sideways).
  const needed = LEFT + cols.length * NODE_W + (cols.length - 1) * COLUMN_GAP + RIGHT;
  const drawn = Math.max(width, needed);
  const usable = Math.max(NODE_W, drawn - LEFT - RIGHT);
  cols.forEach((col, ci) => {
    const x =
      cols.length === 1
        ? LEFT + usable / 2
        : LEFT + NODE_W / 2 + (ci * (usable - NODE_W)) / (cols.length - 1);
    col.forEach((name, ri) => {
      const y = ((ri + 1) * height) / (col.length + 1);
      placed.set(name, { name, x, y });
    });
  });
  const entries = names.filter((n) => !incoming.has(n) && links.some((l) => l.from === n));
  return {
    placed,
    entries: entries.length ? entries : names.filter((n) => !incoming.has(n)).slice(0, 1),
    width: drawn,
  };
}
