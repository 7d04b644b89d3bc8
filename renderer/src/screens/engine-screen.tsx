// Engine status: connected (version, address, images, leftovers, build missing images), or
// a screen that says what to do when Docker is not running, with Retry.
import { useState, type ReactNode } from 'react';
import { call } from '../api';
import { IconEngine, IconRefresh } from '../components/icons';
import { Badge, Button, Card, ErrorNote, PageHeader, Spinner } from '../components/ui';
import { useLang } from '../i18n';
import { refreshEngine, useEngine } from '../stores/engine-store';

export function EngineDownScreen() {
  const { t } = useLang();
  const { status, checking, checkedAt, error } = useEngine();
  return (
    <div className="page engine-down" data-testid="engine-down">
      <div className="down-panel">
        <div className="down-icon">
          <IconEngine />
        </div>
        <h1>{t('engine.down.title')}</h1>
        <p className="lead">{t('engine.down.lead')}</p>
        {status?.address && (
          <p className="tried">
            {t('engine.down.tried')}: <code>{status.address}</code>
          </p>
        )}
        {status?.hint && <div className="hint-box">{status.hint}</div>}
        <ol className="steps">
          <li>{fill(t('engine.down.step1'), { cmd: <code key="c">sudo systemctl start docker</code> })}</li>
          <li>
            {fill(t('engine.down.step2'), {
              example: <code key="e">DOCKER_HOST=unix:///run/user/1000/podman/podman.sock</code>,
            })}
          </li>
          <li>{t('engine.down.step3')}</li>
        </ol>
        {error && <ErrorNote message={t('engine.labError', { message: error })} />}
        <div className="down-actions">
          <Button
            variant="primary"
            icon={checking ? <Spinner /> : <IconRefresh />}
            onClick={() => void refreshEngine()}
            disabled={checking}
            data-testid="engine-retry"
          >
            {checking ? t('engine.checking') : t('engine.retry')}
          </Button>
          {checkedAt && (
            <span className="muted small">
              {t('engine.lastChecked', { time: new Date(checkedAt).toLocaleTimeString() })}
            </span>
          )}
        </div>
      </div>
    </div>
  );
}

/** Replaces {name} placeholders in a translated sentence with elements. */
function fill(text: string, parts: Record<string, ReactNode>): ReactNode[] {
  return text.split(/(\{\w+\})/).map((chunk, i) => {
    const m = /^\{(\w+)\}$/.exec(chunk);
    return m && parts[m[1]] !== undefined ? <span key={i}>{parts[m[1]]}</span> : chunk;
  });
}

export function EngineScreen() {
  const { t } = useLang();
  const { status, checking } = useEngine();
  const [buildError, setBuildError] = useState<string | null>(null);
  if (status && !status.reachable) return <EngineDownScreen />;
  const images = status?.images ?? [];
  const present = images.filter((i) => i.present).length;
  const build = async (all: boolean) => {
    setBuildError(null);
    try {
      await call('images:build', all ? {} : { names: images.filter((i) => !i.present).map((i) => i.name) });
    } catch (e) {
      setBuildError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="page" data-testid="engine-screen">
      <PageHeader
        title={t('engine.title')}
        subtitle={t('engine.subtitle')}
        actions={
          <Button icon={<IconRefresh />} onClick={() => void refreshEngine()} disabled={checking}>
            {t('engine.retry')}
          </Button>
        }
      />
      {!status ? (
        <div className="loading">
          <Spinner /> {t('engine.checking')}
        </div>
      ) : (
        <div className="engine-grid">
          <Card title={t('engine.title')}>
            <div className="engine-state">
              <Badge tone="good" dot testId="engine-reachable">
                {t('engine.reachable')}
              </Badge>
            </div>
            <dl className="kv">
              <dt>{t('engine.address')}</dt>
              <dd className="mono">{status.address}</dd>
              <dt>{t('engine.version')}</dt>
              <dd className="mono" data-testid="engine-version">
                {status.version ?? '—'}
              </dd>
              <dt>{t('engine.api')}</dt>
              <dd className="mono">{status.apiVersion ?? '—'}</dd>
              <dt>{t('engine.leftovers')}</dt>
              <dd>
                {status.leftovers === 0 ? (
                  t('engine.leftoversNone')
                ) : (
                  <Badge tone="warn">{status.leftovers}</Badge>
                )}
              </dd>
            </dl>
          </Card>
          <Card
            title={
              <>
                {t('engine.images')}{' '}
                <span className="muted small">
                  {t('engine.imagesPresent', { n: present, total: images.length })}
                </span>
              </>
            }
            actions={
              <>
                <Button variant="ghost" onClick={() => void build(true)}>
                  {t('engine.rebuild')}
                </Button>
                <Button
                  variant="primary"
                  disabled={present === images.length}
                  onClick={() => void build(false)}
                  data-testid="build-missing"
                >
                  {t('engine.build')}
                </Button>
              </>
            }
            flush
          >
            {buildError && <ErrorNote message={buildError} />}
            <table className="table">
              <thead>
                <tr>
                  <th>{t('engine.image')}</th>
                  <th>{t('engine.tag')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {images.map((i) => (
                  <tr key={`${i.name}:${i.tag}`}>
                    <td className="mono">{i.name}</td>
                    <td className="mono muted">{i.tag}</td>
                    <td className="right">
                      {i.present ? (
                        <Badge tone="good">{t('engine.present')}</Badge>
                      ) : (
                        <Badge tone="warn">{t('engine.missing')}</Badge>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        </div>
      )}
    </div>
  );
}
