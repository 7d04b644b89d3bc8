// The checks' verdict: valid / invalid / unknown, counts per anomaly, each check's one-line
// summary, and the first examples of each anomaly.
import { memo, useState } from 'react';
import { IconAlert, IconCheck, IconQuestion } from '../components/icons';
import { Spinner } from '../components/ui';
import { useLang } from '../i18n';
import type { Verdict } from '../model/types';

export const VerdictPanel = memo(function VerdictPanel({
  verdict,
  status,
}: {
  verdict?: Verdict;
  status: string;
}) {
  const { t } = useLang();
  const [shown, setShown] = useState<string | null>(null);
  if (!verdict) {
    return (
      <div className="verdict-pending" data-testid="verdict-pending">
        {status === 'running' ? <Spinner /> : null}
        <span>{status === 'running' ? t('verdict.pending') : t('verdict.aborted')}</span>
      </div>
    );
  }
  const v = verdict.valid;
  const cls = v === true ? 'valid' : v === false ? 'invalid' : 'unknown';
  const label = v === true ? t('verdict.valid') : v === false ? t('verdict.invalid') : t('verdict.unknown');
  const icon = v === true ? <IconCheck /> : v === false ? <IconAlert /> : <IconQuestion />;
  const anomalies = Object.entries(verdict.anomalies).sort((a, b) => b[1] - a[1]);
  return (
    <div className="verdict" data-testid="verdict">
      <div className={`verdict-banner ${cls}`} data-testid={`verdict-${cls}`}>
        <span className="verdict-icon">{icon}</span>
        <span className="verdict-label">{label}</span>
        <span className="verdict-sub">
          {verdict.checks.length} {t('verdict.checks').toLowerCase()}
        </span>
      </div>
      <div className="section-label">{t('verdict.anomalies')}</div>
      {anomalies.length === 0 ? (
        <div className="muted small">{t('verdict.none')}</div>
      ) : (
        <div className="anomaly-grid">
          {anomalies.map(([k, n]) => (
            <button
              key={k}
              className={`anomaly ${n > 0 ? 'hit' : ''} ${shown === k ? 'open' : ''}`}
              onClick={() => setShown(shown === k ? null : k)}
              data-testid={`anomaly-${k}`}
            >
              <span className="anomaly-count">{n}</span>
              <span className="anomaly-name">{k}</span>
            </button>
          ))}
        </div>
      )}
      {shown && (verdict.examples[shown]?.length ?? 0) > 0 && (
        <div className="examples">
          <div className="section-label">
            {t('verdict.examples')}: {shown}
          </div>
          <pre className="mono">
            {verdict.examples[shown]
              .slice(0, 3)
              .map((x) => JSON.stringify(x))
              .join('\n')}
          </pre>
        </div>
      )}
      <div className="section-label">{t('verdict.checks')}</div>
      <ul className="checks">
        {verdict.checks.map((c) => (
          <li
            key={c.name}
            className={`check-item ${c.valid === true ? 'valid' : c.valid === false ? 'invalid' : 'unknown'}`}
          >
            <span className="check-mark">{c.valid === true ? '✓' : c.valid === false ? '✗' : '?'}</span>
            <span>
              <b>{c.name}</b>
              <span className="muted"> · {c.summary}</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
});
