// A run, live or stored: header with status and controls, topology (click to break), live
// charts with fault bands, the verdict and the timeline.
import { useEffect, useMemo, useState } from 'react';
import { niceCeil } from '../run/ticks';
import { Badge, Card, ErrorNote, PageHeader, Spinner, type Tone } from '../components/ui';
import { clock, params } from '../format';
import { useLang } from '../i18n';
import { href } from '../router';
import { ExportButtons } from '../run/export-buttons';
import { NodePanel } from '../run/node-panel';
import { unknownNode } from '../model/run-model';
import { RunCharts, useChartData } from '../run/run-charts';
import { RunControls } from '../run/run-controls';
import { Timeline } from '../run/timeline';
import { Topology } from '../run/topology';
import { VerdictPanel } from '../run/verdict-panel';
import { useScenarios } from '../stores/scenarios-store';
import { runsStore, useRedrawCost, useRun } from '../stores/runs-store';

export const STATUS_TONE: Record<string, Tone> = {
  running: 'info',
  completed: 'good',
  aborted: 'warn',
  error: 'bad',
};

export function RunScreen({ runId }: { runId: string }) {
  const { t, lang } = useLang();
  const { model, version, error } = useRun(runId);
  const { list } = useScenarios();
  const [selected, setSelected] = useState<string | null>(null);
  const [controlError, setControlError] = useState<string | null>(null);
  const data = useChartData(model, version);
  useRedrawCost(version);
  const [, tick] = useState(0);
  const running = model?.status === 'running';
  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(id);
  }, [running]);

  const startedAt = model?.meta ? Date.parse(model.meta.startedAt) : NaN;
  const endT = model?.endT ?? 0;
  const elapsed = running && Number.isFinite(startedAt) ? Math.max(endT, Date.now() - startedAt) : endT;
  // The axis grows in round steps, so the charts redraw when data arrives, not every second.
  const xMax = running ? niceCeil(Math.max(10, elapsed / 1000)) : Math.max(10, Math.ceil(endT / 1000));
  const xDomain = useMemo<[number, number]>(() => [0, xMax], [xMax]);

  if (!model) {
    return (
      <div className="page">
        {error ? (
          <ErrorNote message={t('run.notFound', { message: error })} />
        ) : (
          <div className="loading">
            <Spinner /> {t('run.loading')}
          </div>
        )}
      </div>
    );
  }

  const scenario = list?.find((s) => s.id === model.meta?.scenario);
  const title = scenario ? scenario.title[lang] : (model.meta?.scenario ?? runId);
  const topology = model.topology;
  const node = selected ? topology?.containers.find((c) => c.name === selected) : undefined;
  const rate = model.meta?.params.rate;

  return (
    <div
      className="page run-page"
      data-testid="run-view"
      data-redraw-ms={Math.round(runsStore.redrawInterval)}
    >
      <PageHeader
        crumbs={
          <>
            <a href={href({ name: 'history' })}>{t('nav.history')}</a> / <span className="mono">{runId}</span>
          </>
        }
        title={
          <>
            {title}{' '}
            <Badge tone={STATUS_TONE[model.status] ?? 'neutral'} dot testId="run-status">
              {t(`run.status.${model.status}` as 'run.status.running')}
            </Badge>
          </>
        }
        subtitle={<span className="mono small">{params(model.meta?.params ?? {})}</span>}
        actions={<ExportButtons runId={runId} disabled={running} />}
      />

      <div className="run-stats">
        <Stat label={t('run.elapsed')} value={clock(elapsed)} />
        <Stat label={t('run.phase')} value={running ? (model.phase ?? '—') : 'done'} testId="run-phase" />
        <Stat
          label={t('run.ops')}
          value={`${model.ops.ok} ok · ${model.ops.fail} fail · ${model.ops.info} info`}
        />
        <div className="run-stats-spacer" />
        {running && (
          <RunControls
            runId={runId}
            running={running}
            initialRate={typeof rate === 'number' ? rate : undefined}
            onError={setControlError}
          />
        )}
      </div>
      {controlError && <ErrorNote message={controlError} />}

      <div className="run-grid">
        <div className="run-main">
          <Card
            title={t('run.topology')}
            actions={<span className="muted small">{running ? t('run.topologyHint') : ''}</span>}
            flush
          >
            {topology ? (
              <Topology
                nodes={topology.containers}
                links={topology.links}
                states={model.nodes}
                selected={selected}
                onSelect={setSelected}
                version={version}
              />
            ) : (
              <div className="loading pad">
                <Spinner /> {t('run.waitingTopology')}
              </div>
            )}
          </Card>
          <Card title={t('run.charts')} testId="charts">
            {data && <RunCharts data={data} xDomain={xDomain} />}
          </Card>
        </div>
        <aside className="run-side">
          <Card title={t('run.verdict')} testId="verdict-card">
            <VerdictPanel verdict={model.verdict} status={model.status} />
          </Card>
          {node && topology && (
            <NodePanel
              key={node.name}
              runId={runId}
              node={node}
              state={model.nodes.get(node.name) ?? unknownNode()}
              peers={topology.containers.map((c) => c.name).filter((n) => n !== node.name)}
              running={running}
              onClose={() => setSelected(null)}
            />
          )}
          <Card title={t('run.timeline')} className="timeline-card" flush>
            <Timeline events={model.events} indexes={model.timeline} version={version} />
          </Card>
        </aside>
      </div>
    </div>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="stat">
      <div className="stat-label">{label}</div>
      <div className="stat-value" data-testid={testId}>
        {value}
      </div>
    </div>
  );
}
