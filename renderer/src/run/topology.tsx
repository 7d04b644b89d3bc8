// The run's containers as nodes with their live state, the links between them, and the
// lab's workload entering at the front. Click a node to act on it.
import { memo, useEffect, useRef, useState } from 'react';
import { useLang } from '../i18n';
import { unknownNode, type NodeState } from '../model/run-model';
import type { TopologyLink, TopologyNode } from '../model/types';
import { layout, NODE_H, NODE_W } from './topology-layout';

interface Props {
  nodes: TopologyNode[];
  links: TopologyLink[];
  states: Map<string, NodeState>;
  selected: string | null;
  onSelect(name: string): void;
  version: number;
}

const STATE_COLOR: Record<string, string> = {
  running: '#34d399',
  paused: '#fbbf24',
  exited: '#f87171',
  removed: '#64748b',
  created: '#60a5fa',
  unknown: '#64748b',
};

export const Topology = memo(function Topology({ nodes, links, states, selected, onSelect }: Props) {
  const { t } = useLang();
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(640);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, []);
  // Tall enough for the fullest column: nodes never overlap.
  const height = Math.max(190, Math.max(...columnsHeight(nodes, links)) * (NODE_H + 12) + 24);
  const { placed, entries, width: drawn } = layout(nodes, links, width, height);
  const stateOf = (n: string) => states.get(n) ?? unknownNode();
  const cut = (a: string, b: string) => {
    const sa = stateOf(a).partitioned;
    const sb = stateOf(b).partitioned;
    return sa.includes('all') || sb.includes('all') || sa.includes(b) || sb.includes(a);
  };

  return (
    <div className="topology" ref={ref} data-testid="topology">
      <svg width={drawn} height={height} role="img" aria-label="topology">
        <defs>
          <marker
            id="arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M0,0 L10,5 L0,10 z" fill="#4b5565" />
          </marker>
        </defs>
        {entries.map((e) => {
          const p = placed.get(e);
          if (!p) return null;
          return (
            <g key={`entry-${e}`} className="topo-entry">
              <rect x={12} y={p.y - 15} width={78} height={30} rx={15} />
              <text x={51} y={p.y + 4} textAnchor="middle">
                {t('run.workload')}
              </text>
              <line
                x1={92}
                y1={p.y}
                x2={p.x - NODE_W / 2 - 4}
                y2={p.y}
                markerEnd="url(#arrow)"
                className="topo-link"
              />
            </g>
          );
        })}
        {links.map((l) => {
          const a = placed.get(l.from);
          const b = placed.get(l.to);
          if (!a || !b) return null;
          const broken = cut(l.from, l.to) || ['exited', 'paused'].includes(stateOf(l.to).state);
          const x1 = a.x + NODE_W / 2;
          const x2 = b.x - NODE_W / 2 - 4;
          const mx = (x1 + x2) / 2;
          return (
            <g key={`${l.from}-${l.to}`}>
              <path
                d={`M${x1},${a.y} C${mx},${a.y} ${mx},${b.y} ${x2},${b.y}`}
                className={broken ? 'topo-link broken' : 'topo-link'}
                markerEnd="url(#arrow)"
                fill="none"
              />
              {l.label && (
                <text x={x2 - 8} y={b.y - 8} className="topo-link-label" textAnchor="end">
                  {l.label}
                </text>
              )}
            </g>
          );
        })}
        {nodes.map((n) => {
          const p = placed.get(n.name);
          if (!p) return null;
          const s = stateOf(n.name);
          const color = STATE_COLOR[s.state] ?? STATE_COLOR.unknown;
          const partitioned = s.partitioned.length > 0;
          return (
            <g
              key={n.name}
              className={`topo-node ${selected === n.name ? 'selected' : ''} state-${s.state} ${partitioned ? 'partitioned' : ''}`}
              transform={`translate(${p.x - NODE_W / 2},${p.y - NODE_H / 2})`}
              onClick={() => onSelect(n.name)}
              role="button"
              tabIndex={0}
              onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onSelect(n.name)}
              data-testid={`node-${n.name}`}
              data-state={s.state}
            >
              <rect width={NODE_W} height={NODE_H} rx={10} className="topo-node-box" />
              <rect width={4} height={NODE_H - 20} x={0} y={10} rx={2} fill={color} />
              <text x={16} y={23} className="topo-node-name">
                {n.name}
              </text>
              <text x={16} y={41} className="topo-node-role">
                {n.role}
              </text>
              <circle cx={NODE_W - 16} cy={18} r={5} fill={color} />
              <text x={NODE_W - 26} y={22} className="topo-node-state" textAnchor="end">
                {s.state}
              </text>
              {partitioned && (
                <text x={16} y={55} className="topo-node-cut">
                  ✂ {s.partitioned.join(', ')}
                </text>
              )}
              {!partitioned && s.network.length > 0 && (
                <text x={16} y={55} className="topo-node-cut" data-testid={`node-${n.name}-network`}>
                  ~ {s.network.join(', ')}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </div>
  );
});

function columnsHeight(nodes: TopologyNode[], links: TopologyLink[]): number[] {
  const { placed } = layout(nodes, links, 1000, 1000);
  const byX = new Map<number, number>();
  for (const p of placed.values()) byX.set(p.x, (byX.get(p.x) ?? 0) + 1);
  return [...byX.values(), 2];
}
