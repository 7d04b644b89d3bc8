// The run's events a person cares about (faults, container changes, phases, logs, verdict),
// newest first, filterable; click one for its full record.
import { memo, useState } from 'react';
import { Badge, type Tone } from '../components/ui';
import { clock } from '../format';
import { useLang } from '../i18n';
import type { RunEvent } from '../model/types';
import { FAULT_COLORS } from './palette';

type Filter = 'all' | 'fault' | 'container' | 'phase';

interface Props {
  events: readonly RunEvent[];
  indexes: readonly number[];
  version: number;
}

const SHOWN = 400;

export const Timeline = memo(function Timeline({ events, indexes }: Props) {
  const { t } = useLang();
  const [filter, setFilter] = useState<Filter>('all');
  const [open, setOpen] = useState<number | null>(null);
  const picked: number[] = [];
  for (let i = indexes.length - 1; i >= 0 && picked.length < SHOWN; i--) {
    const e = events[indexes[i]];
    if (filter === 'all' || e.type === filter) picked.push(indexes[i]);
  }
  const filters: [Filter, string][] = [
    ['all', t('timeline.all')],
    ['fault', t('timeline.faults')],
    ['container', t('timeline.containers')],
    ['phase', t('timeline.phases')],
  ];
  return (
    <div className="timeline" data-testid="timeline">
      <div className="seg">
        {filters.map(([f, label]) => (
          <button
            key={f}
            className={filter === f ? 'seg-btn active' : 'seg-btn'}
            onClick={() => setFilter(f)}
          >
            {label}
          </button>
        ))}
      </div>
      {picked.length === 0 && <div className="muted small pad">{t('timeline.empty')}</div>}
      <ol className="tl-list">
        {picked.map((i) => {
          const e = events[i];
          const d = describe(e);
          return (
            <li
              key={i}
              className={`tl-item tl-${e.type} ${open === i ? 'open' : ''}`}
              data-testid={`tl-${e.type}`}
            >
              <button className="tl-row" onClick={() => setOpen(open === i ? null : i)}>
                <span className="tl-time mono">{clock(e.t)}</span>
                <span className="tl-dot" style={{ background: d.color }} />
                <span className="tl-text">{d.text}</span>
                {d.badges.map(([tone, label]) => (
                  <Badge key={label} tone={tone}>
                    {label}
                  </Badge>
                ))}
              </button>
              {open === i && <pre className="tl-detail mono">{JSON.stringify(e, null, 2)}</pre>}
            </li>
          );
        })}
      </ol>
    </div>
  );
});

function describe(e: RunEvent): { text: string; color: string; badges: [Tone, string][] } {
  switch (e.type) {
    case 'fault': {
      const r = e.request;
      const stateTone: Record<string, Tone> = {
        requested: 'neutral',
        applied: 'warn',
        failed: 'bad',
        healed: 'good',
      };
      const badges: [Tone, string][] = [
        [e.source === 'user' ? 'accent' : e.source === 'external' ? 'bad' : 'info', e.source],
        [stateTone[e.state], e.state],
      ];
      if (e.tookMs !== undefined) badges.push(['neutral', `${e.tookMs} ms`]);
      const text = `${r.kind} ${r.target}${r.peer ? ` ⇹ ${r.peer}` : r.kind === 'partition' ? ' ⇹ all' : ''}${e.error ? `: ${e.error}` : ''}`;
      return { text, color: FAULT_COLORS[r.kind], badges };
    }
    case 'container':
      return {
        text: `${e.name} ${e.action}${e.exitCode !== undefined ? ` (exit ${e.exitCode})` : ''}`,
        color:
          e.action === 'die' || e.action === 'kill'
            ? '#f87171'
            : e.action === 'start'
              ? '#34d399'
              : '#94a3b8',
        badges: [['neutral', 'docker']],
      };
    case 'phase':
      return { text: `${e.phase}${e.detail ? `: ${e.detail}` : ''}`, color: '#60a5fa', badges: [] };
    case 'log':
      return {
        text: e.message,
        color: e.level === 'error' ? '#f87171' : e.level === 'warn' ? '#fbbf24' : '#94a3b8',
        badges: e.level === 'info' ? [] : [[e.level === 'error' ? 'bad' : 'warn', e.level]],
      };
    case 'verdict':
      return {
        text: `verdict: ${String(e.verdict.valid)}`,
        color: e.verdict.valid === true ? '#34d399' : e.verdict.valid === false ? '#f87171' : '#fbbf24',
        badges: [],
      };
    case 'end':
      return { text: `run ${e.status}${e.error ? `: ${e.error}` : ''}`, color: '#94a3b8', badges: [] };
    default:
      return { text: e.type, color: '#94a3b8', badges: [] };
  }
}
