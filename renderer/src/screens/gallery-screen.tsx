// The scenario catalog as cards, grouped by pack.
import { IconChevron, IconFlask } from '../components/icons';
import { Badge, ErrorNote, PageHeader, Spinner } from '../components/ui';
import { useLang } from '../i18n';
import { href } from '../router';
import { useScenarios } from '../stores/scenarios-store';
import type { StringKey } from '../strings';

export function GalleryScreen() {
  const { t, lang } = useLang();
  const { list, error } = useScenarios();
  const packs = [...new Set((list ?? []).map((s) => s.pack))].sort();
  return (
    <div className="page" data-testid="gallery">
      <PageHeader title={t('gallery.title')} subtitle={t('gallery.subtitle')} />
      {error && <ErrorNote message={error} />}
      {!list && !error && (
        <div className="loading">
          <Spinner /> {t('gallery.loading')}
        </div>
      )}
      {packs.map((pack) => (
        <section key={pack} className="pack">
          <h2 className="pack-title">{t(`gallery.pack${pack}` as StringKey)}</h2>
          <div className="card-grid">
            {list!
              .filter((s) => s.pack === pack)
              .map((s) => (
                <a
                  key={s.id}
                  className="scenario-card"
                  href={href({ name: 'scenario', id: s.id })}
                  data-testid={`scenario-${s.id}`}
                >
                  <div className="scenario-card-top">
                    <span className="scenario-icon">
                      <IconFlask />
                    </span>
                    <span className="mono muted small">{s.id}</span>
                  </div>
                  <h3 className="scenario-title">{s.title[lang]}</h3>
                  <p className="scenario-summary">{s.summary[lang]}</p>
                  <div className="scenario-foot">
                    <Badge>{t('gallery.knobs', { n: s.knobs.length })}</Badge>
                    {s.seeds.length > 0 && (
                      <span className="muted small">
                        {t('gallery.seeds')} {s.seeds.join(', ')}
                      </span>
                    )}
                    <span className="open-link">
                      {t('gallery.open')} <IconChevron />
                    </span>
                  </div>
                </a>
              ))}
          </div>
        </section>
      ))}
    </div>
  );
}
