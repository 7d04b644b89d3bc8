// The run's topology as inline SVG: a box per container, arrows for links, laid out in
// columns by distance from the entry points (nodes nothing links to). Pure.
import type { TopologyLink, TopologyNode } from '../events';
import { escapeHtml as esc } from './html-escape';

export interface TopologyOptions {
  /** Faults per container, shown as a note in its box (e.g. "kill x1"). */
  faultNotes?: Record<string, string>;
  width?: number;
}

const MAX_BOX_W = 196;
const BOX_H = 66;
const ROW_GAP = 26;

function layers(names: string[], links: TopologyLink[]): Map<string, number> {
  const depth = new Map<string, number>(names.map((n) => [n, 0]));
  // Longest path from the sources, bounded so a cycle cannot loop forever.
  for (let pass = 0; pass < names.length; pass++) {
    let changed = false;
    for (const l of links) {
      const d = (depth.get(l.from) ?? 0) + 1;
      if (l.from !== l.to && d > (depth.get(l.to) ?? 0) && d < names.length) {
        depth.set(l.to, d);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return depth;
}

function truncate(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

export function renderTopology(
  containers: readonly TopologyNode[],
  links: readonly TopologyLink[],
  o: TopologyOptions = {},
): string {
  const W = o.width ?? 960;
  const known = new Set(containers.map((c) => c.name));
  const external = [...new Set(links.flatMap((l) => [l.from, l.to]))].filter((n) => !known.has(n));
  const names = [...containers.map((c) => c.name), ...external];
  if (names.length === 0) return '<p class="muted">No topology was recorded.</p>';
  const depth = layers(names, [...links]);
  const columns: string[][] = [];
  for (const n of names) (columns[depth.get(n) ?? 0] ??= []).push(n);
  const cols = columns.filter((c) => c && c.length);
  const maxRows = Math.max(...cols.map((c) => c.length));
  // Narrower boxes when there are many columns, so link labels fit between them.
  const BOX_W = Math.max(120, Math.min(MAX_BOX_W, Math.floor((W - 40) / cols.length) - 80));
  const chars = Math.floor((BOX_W - 24) / 6.6);
  const H = maxRows * (BOX_H + ROW_GAP) - ROW_GAP + 40;
  const colGap = cols.length > 1 ? (W - 40 - BOX_W) / (cols.length - 1) : 0;
  const pos = new Map<string, { x: number; y: number }>();
  cols.forEach((col, ci) => {
    const x = cols.length > 1 ? 20 + ci * colGap : (W - BOX_W) / 2;
    const total = col.length * (BOX_H + ROW_GAP) - ROW_GAP;
    const y0 = (H - total) / 2;
    col.forEach((n, ri) => pos.set(n, { x, y: y0 + ri * (BOX_H + ROW_GAP) }));
  });
  const byName = new Map(containers.map((c) => [c.name, c]));
  const parts: string[] = [];
  parts.push(`<svg class="topology" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Topology">`);
  parts.push('<title>Topology: containers and links</title>');
  parts.push(
    '<defs><marker id="topo-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#64748b"/></marker></defs>',
  );
  for (const l of links) {
    const a = pos.get(l.from);
    const b = pos.get(l.to);
    if (!a || !b) continue;
    const forward = b.x > a.x;
    const x1 = forward ? a.x + BOX_W : a.x + BOX_W / 2;
    const y1 = forward ? a.y + BOX_H / 2 : a.y + BOX_H;
    const x2 = forward ? b.x : b.x + BOX_W / 2;
    const y2 = forward ? b.y + BOX_H / 2 : b.y;
    const mx = (x1 + x2) / 2;
    const d = forward ? `M${x1} ${y1}C${mx} ${y1} ${mx} ${y2} ${x2} ${y2}` : `M${x1} ${y1}L${x2} ${y2}`;
    parts.push(`<path class="link" d="${d}" marker-end="url(#topo-arrow)"/>`);
    if (l.label) {
      const ly = (y1 + y2) / 2 - 6;
      parts.push(
        `<text class="link-label" x="${mx}" y="${ly}" text-anchor="middle">${esc(truncate(l.label, 28))}</text>`,
      );
    }
  }
  for (const n of names) {
    const p = pos.get(n)!;
    const c = byName.get(n);
    const note = o.faultNotes?.[n];
    parts.push(`<g class="node${c ? '' : ' node-external'}${note ? ' node-faulted' : ''}">`);
    parts.push(
      `<title>${esc(c ? `${c.name} (${c.role}, image ${c.image})` : `${n} (outside the lab's containers)`)}</title>`,
    );
    parts.push(`<rect x="${p.x}" y="${p.y}" width="${BOX_W}" height="${BOX_H}" rx="7"/>`);
    parts.push(
      `<text class="node-name" x="${p.x + 12}" y="${p.y + 22}">${esc(truncate(n, Math.floor((BOX_W - 24) / 8.2)))}</text>`,
    );
    if (note) {
      parts.push(
        `<text class="node-note" x="${p.x + BOX_W - 10}" y="${p.y + 21}" text-anchor="end">${esc(truncate(note, 14))}</text>`,
      );
    }
    parts.push(
      `<text class="node-sub" x="${p.x + 12}" y="${p.y + 40}">${esc(truncate(c ? c.role : 'outside the lab', chars))}</text>`,
    );
    if (c)
      parts.push(
        `<text class="node-img" x="${p.x + 12}" y="${p.y + 56}">${esc(truncate(c.image, chars))}</text>`,
      );
    parts.push('</g>');
  }
  parts.push('</svg>');
  return parts.join('');
}
