// A selected container: what it is, what state it is in, the faults that can hit it, and its
// live log (followed while open).
import { useEffect, useRef, useState } from 'react';
import { call } from '../api';
import { IconX } from '../components/icons';
import { Badge, Button, ErrorNote } from '../components/ui';
import { shortId } from '../format';
import { useLang } from '../i18n';
import type { NodeState } from '../model/run-model';
import { NETWORK_FAULT_KINDS, type FaultKind, type FaultRequest, type TopologyNode } from '../model/types';

type NetworkKind = (typeof NETWORK_FAULT_KINDS)[number];
/** Points the lab's services declare (a service may have others: the field takes any name). */
const KNOWN_POINTS = [
  'after-commit-before-publish',
  'after-apply-before-offset-commit',
  'relay-after-publish-before-mark',
  'after-commit-before-reply',
  'after-reserve-commit',
  'after-charge',
];
const NET_DEFAULTS: Record<NetworkKind, number> = { latency: 1000, bandwidth: 16, timeout: 0, reset: 0 };

/** The request fields of a network fault, from the panel's value (and jitter for latency). */
function networkFields(kind: NetworkKind, value: number, jitter: number): Partial<FaultRequest> {
  const v = Math.round(value);
  if (kind === 'latency') return { latencyMs: v, ...(jitter > 0 ? { jitterMs: Math.round(jitter) } : {}) };
  if (kind === 'bandwidth') return { rateKBps: Math.max(1, v) };
  return { afterMs: v };
}
import { STATE_TONE } from './palette';

interface Props {
  runId: string;
  node: TopologyNode;
  state: NodeState;
  peers: string[];
  running: boolean;
  onClose(): void;
}

export function NodePanel({ runId, node, state, peers, running, onClose }: Props) {
  const { t } = useLang();
  const [peer, setPeer] = useState<string>('all');
  const [busy, setBusy] = useState<FaultKind | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const [netKind, setNetKind] = useState<NetworkKind>('latency');
  const [netValue, setNetValue] = useState<Record<NetworkKind, number>>(NET_DEFAULTS);
  const [jitter, setJitter] = useState(0);
  const [point, setPoint] = useState('after-commit-before-publish');
  const [then, setThen] = useState<'kill' | 'stop' | 'pause' | 'release'>('kill');

  const fault = async (kind: FaultKind, extra: Partial<FaultRequest> = {}): Promise<void> => {
    setBusy(kind);
    setError(null);
    try {
      await call('runs:fault', { runId, fault: { kind, target: node.name, ...extra } });
      setNote(t('node.requested', { kind }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  const s = state.state;
  const up = s === 'running';
  const act = (
    kind: FaultKind,
    label: string,
    enabled: boolean,
    variant: 'danger' | 'secondary' = 'secondary',
  ) => (
    <Button
      variant={variant}
      disabled={!running || !enabled || busy !== null}
      onClick={() => void fault(kind)}
      data-testid={`action-${kind}`}
    >
      {busy === kind ? '…' : label}
    </Button>
  );

  return (
    <section className="card node-panel" data-testid="node-panel">
      <header className="card-head">
        <h3>
          {node.name}{' '}
          <Badge tone={STATE_TONE[s] ?? 'neutral'} dot>
            {s}
          </Badge>
          {state.exitCode !== undefined && s === 'exited' && (
            <span className="muted small"> exit {state.exitCode}</span>
          )}
        </h3>
        <button className="icon-btn" onClick={onClose} aria-label={t('node.close')}>
          <IconX />
        </button>
      </header>
      <div className="card-body">
        <dl className="kv">
          <dt>{t('node.role')}</dt>
          <dd>{node.role}</dd>
          <dt>{t('node.image')}</dt>
          <dd className="mono">{node.image}</dd>
          <dt>{t('node.id')}</dt>
          <dd className="mono">{shortId(node.containerId)}</dd>
        </dl>
        {state.partitioned.length > 0 && (
          <div className="warn-line">✂ {t('node.cutOff', { peers: state.partitioned.join(', ') })}</div>
        )}
        {running && (
          <>
            <div className="section-label">{t('node.actions')}</div>
            <div className="action-grid">
              {act('kill', t('node.kill'), up || s === 'paused', 'danger')}
              {act('stop', t('node.stop'), up)}
              {s === 'paused' ? act('unpause', t('node.unpause'), true) : act('pause', t('node.pause'), up)}
              {s === 'exited'
                ? act('start', t('node.start'), true)
                : act('restart', t('node.restart'), up || s === 'paused')}
            </div>
            <div className="partition-row">
              <span className="muted">{t('node.partition')}</span>
              <span className="muted">{t('node.from')}</span>
              <select value={peer} onChange={(e) => setPeer(e.target.value)} data-testid="partition-peer">
                <option value="all">{t('node.allPeers')}</option>
                {peers.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
              <Button
                disabled={!running || !up || busy !== null}
                onClick={() => void fault('partition', peer !== 'all' ? { peer } : {})}
                data-testid="action-partition"
              >
                {t('node.partition')}
              </Button>
              {(state.partitioned.length > 0 || state.network.length > 0) && (
                <Button
                  disabled={!running || busy !== null}
                  onClick={() => void fault('heal')}
                  data-testid="action-heal"
                >
                  {t('node.heal')}
                </Button>
              )}
            </div>
            <div className="partition-row" data-testid="point-row">
              <span className="muted">{t('node.atPoint')}</span>
              <input
                list="chaoslab-points"
                value={point}
                onChange={(e) => setPoint(e.target.value.trim())}
                data-testid="point-name"
                aria-label={t('node.atPoint')}
              />
              <datalist id="chaoslab-points">
                {KNOWN_POINTS.map((p) => (
                  <option key={p} value={p} />
                ))}
              </datalist>
              <select
                value={then}
                onChange={(e) => setThen(e.target.value as typeof then)}
                data-testid="point-then"
              >
                {(['kill', 'stop', 'pause', 'release'] as const).map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
              <Button
                disabled={!running || !up || busy !== null || !/^[a-z][a-z0-9-]{0,63}$/.test(point)}
                onClick={() => void fault('point', { point, then })}
                data-testid="action-point"
              >
                {busy === 'point' ? '…' : t('node.arm')}
              </Button>
            </div>
            {node.proxiedBy && (
              <div className="partition-row" data-testid="network-row">
                <span className="muted">{t('node.network', { proxy: node.proxiedBy })}</span>
                <select
                  value={netKind}
                  onChange={(e) => setNetKind(e.target.value as NetworkKind)}
                  data-testid="network-kind"
                >
                  {NETWORK_FAULT_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`node.net.${k}`)}
                    </option>
                  ))}
                </select>
                <input
                  type="number"
                  className="num-input"
                  min={netKind === 'bandwidth' ? 1 : 0}
                  value={netValue[netKind]}
                  onChange={(e) =>
                    setNetValue({ ...netValue, [netKind]: Math.max(0, Number(e.target.value)) })
                  }
                  data-testid="network-value"
                  aria-label={t(`node.net.${netKind}`)}
                />
                {netKind === 'latency' && (
                  <input
                    type="number"
                    className="num-input"
                    min={0}
                    value={jitter}
                    onChange={(e) => setJitter(Math.max(0, Number(e.target.value)))}
                    data-testid="network-jitter"
                    aria-label={t('node.jitter')}
                    title={t('node.jitter')}
                  />
                )}
                <Button
                  disabled={!running || busy !== null}
                  onClick={() => void fault(netKind, networkFields(netKind, netValue[netKind], jitter))}
                  data-testid="action-network"
                >
                  {busy === netKind ? '…' : t('node.apply')}
                </Button>
              </div>
            )}
            {state.network.length > 0 && (
              <div className="warn-line">{t('node.slowed', { kinds: state.network.join(', ') })}</div>
            )}
            {note && !error && <div className="muted small">{note}</div>}
          </>
        )}
        {error && <ErrorNote message={error} />}
        {s === 'removed' && !running ? (
          <div className="muted small log-gone">{t('node.logGone')}</div>
        ) : (
          <LogTail runId={runId} name={node.name} live={running} />
        )}
      </div>
    </section>
  );
}

function LogTail({ runId, name, live }: { runId: string; name: string; live: boolean }) {
  const { t } = useLang();
  const [lines, setLines] = useState<string[]>([]);
  const [follow, setFollow] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLPreElement>(null);

  useEffect(() => {
    let stop = false;
    setLines([]);
    const poll = async () => {
      try {
        const r = await call('containers:logs', { runId, name, tail: 300 });
        if (!stop) {
          setLines(r.lines);
          setError(null);
        }
      } catch (e) {
        if (!stop) setError(e instanceof Error ? e.message : String(e));
      }
    };
    void poll();
    const timer = live && follow ? setInterval(() => void poll(), 1000) : undefined;
    return () => {
      stop = true;
      if (timer) clearInterval(timer);
    };
  }, [runId, name, live, follow]);

  useEffect(() => {
    if (follow && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines, follow]);

  return (
    <div className="log-tail">
      <div className="log-head">
        <span className="section-label">{t('node.logs')}</span>
        <label className="check">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />{' '}
          {t('node.follow')}
        </label>
      </div>
      {error ? (
        <div className="muted small">{error}</div>
      ) : (
        <pre className="log-box" ref={box} data-testid="log-tail">
          {lines.length ? lines.join('\n') : t('node.noLogs')}
        </pre>
      )}
    </div>
  );
}
