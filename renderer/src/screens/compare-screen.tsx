// Two runs side by side: the same charts, each shifted so its first fault is at 0.
import { Card, ErrorNote, PageHeader, Spinner } from '../components/ui';
import { dateTime, params } from '../format';
import { useLang } from '../i18n';
import { href } from '../router';
import { RunCharts, useChartData } from '../run/run-charts';
import { useRun } from '../stores/runs-store';
import { VerdictBadge } from './verdict-badge';

export function CompareScreen({ a, b }: { a: string; b: string }) {
  const { t } = useLang();
  const ra = useRun(a);
  const rb = useRun(b);
  const da = useChartData(ra.model, ra.version);
  const db = useChartData(rb.model, rb.version);
  const offA = ra.model?.firstFaultAt ?? 0;
  const offB = rb.model?.firstFaultAt ?? 0;
  const lo = Math.floor(Math.min(-offA, -offB) / 1000);
  const hi = Math.ceil(Math.max((ra.model?.endT ?? 0) - offA, (rb.model?.endT ?? 0) - offB, 1000) / 1000);
  const domain: [number, number] = [lo, hi];
  return (
    <div className="page" data-testid="compare-view">
      <PageHeader
        crumbs={<a href={href({ name: 'history' })}>{t('nav.history')}</a>}
        title={t('compare.title')}
        subtitle={t('compare.subtitle')}
      />
      <div className="compare-grid">
        {[
          { id: a, r: ra, d: da },
          { id: b, r: rb, d: db },
        ].map(({ id, r, d }) => (
          <Card
            key={id}
            title={
              <a href={href({ name: 'run', runId: id })} className="strong-link">
                {r.model?.meta?.scenario ?? id}
              </a>
            }
            actions={<VerdictBadge valid={r.model?.verdict?.valid} />}
          >
            {r.error && <ErrorNote message={r.error} />}
            {!r.model && !r.error && <Spinner />}
            {r.model && (
              <div className="compare-meta">
                <div className="mono tiny muted">{id}</div>
                <div className="small">{r.model.meta ? dateTime(r.model.meta.startedAt, 'en') : ''}</div>
                <div className="mono tiny muted">{params(r.model.meta?.params ?? {})}</div>
                {r.model.firstFaultAt === null && (
                  <div className="tiny warn-line">{t('compare.noFault')}</div>
                )}
              </div>
            )}
            {d && r.model && (
              <RunCharts data={d} xDomain={domain} offsetMs={r.model.firstFaultAt ?? 0} compact aligned />
            )}
          </Card>
        ))}
      </div>
    </div>
  );
}
