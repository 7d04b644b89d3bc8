// The global task bar: image builds with per-image progress, on every screen.
import { useState } from 'react';
import { useLang } from '../i18n';
import { clearFinishedImages, isFinished, useImages } from '../stores/images-store';
import { IconLayers } from './icons';

export function TaskBar() {
  const { t } = useLang();
  const images = useImages();
  const [open, setOpen] = useState(true);
  if (images.length === 0) return null;
  const done = images.filter((i) => i.state === 'done' || i.state === 'cached').length;
  const failed = images.filter((i) => i.state === 'failed').length;
  const overall = images.reduce((s, i) => s + (isFinished(i) ? 1 : i.progress), 0) / images.length;
  return (
    <div className="taskbar" data-testid="taskbar">
      <div className="taskbar-head">
        <IconLayers />
        <b>{t('tasks.images')}</b>
        <span className="muted">{t('tasks.progress', { done, total: images.length })}</span>
        {failed > 0 && <span className="bad-text">· {failed} failed</span>}
        <div className="bar overall">
          <div className="bar-fill" style={{ width: `${Math.round(overall * 100)}%` }} />
        </div>
        <button className="link-btn" onClick={() => setOpen(!open)}>
          {open ? t('tasks.hide') : t('tasks.show')}
        </button>
        {images.every(isFinished) && (
          <button className="link-btn" onClick={clearFinishedImages}>
            {t('tasks.clear')}
          </button>
        )}
      </div>
      {open && (
        <ul className="task-list">
          {images.map((i) => (
            <li key={i.name} className={`task task-${i.state}`} data-testid={`task-${i.name}`}>
              <span className="mono task-name">{i.name}</span>
              <span className="task-state">{i.state}</span>
              <div className="bar">
                <div
                  className="bar-fill"
                  style={{
                    width: `${Math.round((isFinished(i) && i.state !== 'failed' ? 1 : i.progress) * 100)}%`,
                  }}
                />
              </div>
              <span className="task-step muted mono" title={i.error ?? i.step}>
                {i.error ?? i.step ?? ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
