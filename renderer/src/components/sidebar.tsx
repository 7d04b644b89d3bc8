// The dark navigation rail: brand, screens, live runs, language and engine status.
import { apiMode } from '../api';
import { useLang, type Lang } from '../i18n';
import { href, type Route } from '../router';
import { useEngine } from '../stores/engine-store';
import { useLiveRuns } from '../stores/runs-store';
import { IconEngine, IconGrid, IconHistory } from './icons';

export function Sidebar({ route }: { route: Route }) {
  const { t, lang, setLang } = useLang();
  const { status, checking } = useEngine();
  const live = useLiveRuns();
  const active = (names: Route['name'][]) => (names.includes(route.name) ? 'nav-item active' : 'nav-item');
  const engineTone = !status ? 'unknown' : status.reachable ? 'up' : 'down';
  return (
    <nav className="sidebar" aria-label="main">
      <div className="brand">
        <Logo />
        <div>
          <div className="brand-name">Chaos Lab</div>
          <div className="brand-tag">{t('app.tagline')}</div>
        </div>
      </div>
      <div className="nav">
        <a
          className={active(['scenarios', 'scenario'])}
          href={href({ name: 'scenarios' })}
          data-testid="nav-scenarios"
        >
          <IconGrid /> {t('nav.scenarios')}
        </a>
        <a
          className={active(['history', 'compare'])}
          href={href({ name: 'history' })}
          data-testid="nav-history"
        >
          <IconHistory /> {t('nav.history')}
        </a>
        <a className={active(['engine'])} href={href({ name: 'engine' })} data-testid="nav-engine">
          <IconEngine /> {t('nav.engine')}
          <span className={`engine-dot ${engineTone}`} />
        </a>
      </div>
      <div className="nav-section">{t('nav.live')}</div>
      <div className="live-runs">
        {live.length === 0 && <div className="nav-empty">{t('nav.noLive')}</div>}
        {live.map((m) => (
          <a
            key={m.runId}
            href={href({ name: 'run', runId: m.runId })}
            className={route.name === 'run' && route.runId === m.runId ? 'live-run active' : 'live-run'}
          >
            <span className="live-pulse" />
            <span className="live-name">{m.meta?.scenario}</span>
            <span className="live-phase mono">
              {m.meta ? new Date(m.meta.startedAt).toLocaleTimeString() : ''}
            </span>
          </a>
        ))}
      </div>
      <div className="sidebar-foot">
        <div className="lang-switch" role="group" aria-label={t('lang.label')}>
          {(['en', 'ko'] as Lang[]).map((l) => (
            <button
              key={l}
              className={lang === l ? 'active' : ''}
              onClick={() => setLang(l)}
              data-testid={`lang-${l}`}
            >
              {l === 'en' ? 'EN' : '한국어'}
            </button>
          ))}
        </div>
        <div className="foot-status">
          <span className={`engine-dot ${engineTone}`} />
          <span>
            {checking && !status
              ? t('engine.checking')
              : status?.reachable
                ? `Docker ${status.version ?? ''}`
                : t('engine.unreachable')}
          </span>
        </div>
        <div className="foot-mode">{apiMode === 'browser' ? t('mode.browser') : t('mode.electron')}</div>
      </div>
    </nav>
  );
}

function Logo() {
  return (
    <svg className="logo" viewBox="0 0 32 32" aria-hidden>
      <defs>
        <linearGradient id="lg" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#8b5cf6" />
          <stop offset="1" stopColor="#22d3ee" />
        </linearGradient>
      </defs>
      <rect width="32" height="32" rx="8" fill="url(#lg)" />
      <path
        d="M9 20.5 13.5 12l4 6 2.5-4L23 20.5"
        fill="none"
        stroke="#0b0e14"
        strokeWidth="2.4"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
