// Stored runs: open one, or tick two and compare them.
import { useCallback, useEffect, useState } from 'react';
import { call } from '../api';
import { IconCompare, IconRefresh } from '../components/icons';
import { Badge, Button, Card, Empty, ErrorNote, PageHeader, Spinner } from '../components/ui';
import { dateTime, duration, params } from '../format';
import { useLang } from '../i18n';
import type { RunSummary } from '../model/types';
import { href, navigate } from '../router';
import { useLiveRuns } from '../stores/runs-store';
import { STATUS_TONE } from './run-screen';
import { VerdictBadge } from './verdict-badge';

export function HistoryScreen() {
  const { t, lang } = useLang();
  const [runs, setRuns] = useState<RunSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const live = useLiveRuns();
  const load = useCallback(() => {
    call('runs:list', {})
      .then((r) => {
        setRuns(r);
        setError(null);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  // Reload when a run starts or ends in this session.
  useEffect(load, [load, live.length]);

  const toggle = (id: string) =>
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p.slice(-1), id]));

  return (
    <div className="page" data-testid="history">
      <PageHeader
        title={t('history.title')}
        subtitle={t('history.subtitle')}
        actions={
          <>
            <Button icon={<IconRefresh />} onClick={load}>
              {t('history.refresh')}
            </Button>
            <Button
              variant="primary"
              icon={<IconCompare />}
              disabled={picked.length !== 2}
              onClick={() => navigate({ name: 'compare', a: picked[0], b: picked[1] })}
              data-testid="compare"
            >
              {t('history.compare')} {picked.length > 0 && `(${picked.length}/2)`}
            </Button>
          </>
        }
      />
      {error && <ErrorNote message={error} />}
      {!runs && !error && (
        <div className="loading">
          <Spinner />
        </div>
      )}
      {runs && runs.length === 0 && <Empty>{t('history.empty')}</Empty>}
      {runs && runs.length > 0 && (
        <Card flush>
          <table className="table hover">
            <thead>
              <tr>
                <th className="narrow" />
                <th>{t('history.started')}</th>
                <th>{t('history.scenario')}</th>
                <th>{t('history.status')}</th>
                <th>{t('history.verdict')}</th>
                <th>{t('history.duration')}</th>
                <th>{t('history.params')}</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr
                  key={r.runId}
                  className={picked.includes(r.runId) ? 'picked' : ''}
                  data-testid={`run-row-${r.runId}`}
                >
                  <td className="narrow">
                    <input
                      type="checkbox"
                      checked={picked.includes(r.runId)}
                      onChange={() => toggle(r.runId)}
                      aria-label={`select ${r.runId}`}
                      data-testid="run-pick"
                    />
                  </td>
                  <td>
                    <a href={href({ name: 'run', runId: r.runId })} className="strong-link">
                      {dateTime(r.startedAt, lang)}
                    </a>
                    <div className="mono muted tiny">{r.runId}</div>
                  </td>
                  <td className="mono">{r.scenario}</td>
                  <td>
                    <Badge tone={STATUS_TONE[r.status] ?? 'neutral'} dot>
                      {t(`run.status.${r.status}` as 'run.status.running')}
                    </Badge>
                  </td>
                  <td>
                    <VerdictBadge valid={r.valid} />
                  </td>
                  <td className="muted">
                    {r.endedAt ? duration(Date.parse(r.endedAt) - Date.parse(r.startedAt)) : '—'}
                  </td>
                  <td className="mono muted small ellipsis" title={params(r.params)}>
                    {params(r.params)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </div>
  );
}
