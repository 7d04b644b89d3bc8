// Export a run as HTML (the self-contained report), JSON, CSV (every series) or PDF:
// runs:export returns base64, saved here as a download.
import { useState } from 'react';
import { call } from '../api';
import { IconDownload } from '../components/icons';
import { useLang } from '../i18n';
import type { ExportFormat } from '../model/types';

const FORMATS: ExportFormat[] = ['html', 'json', 'csv', 'pdf'];

export function saveBase64(fileName: string, mime: string, base64: string): void {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportButtons({ runId, disabled }: { runId: string; disabled?: boolean }) {
  const { t } = useLang();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [msg, setMsg] = useState<{ text: string; error: boolean } | null>(null);
  const run = async (format: ExportFormat) => {
    setBusy(format);
    setMsg(null);
    try {
      const r = await call('runs:export', { runId, format });
      saveBase64(r.fileName, r.mime, r.base64);
      setMsg({ text: t('export.done', { file: r.fileName }), error: false });
    } catch (e) {
      setMsg({ text: e instanceof Error ? e.message : String(e), error: true });
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="export" data-testid="export">
      <div className="export-row">
        <span className="export-label">
          <IconDownload /> {t('export.label')}
        </span>
        <div className="seg">
          {FORMATS.map((f) => (
            <button
              key={f}
              className="seg-btn"
              disabled={disabled || busy !== null}
              onClick={() => void run(f)}
              data-testid={`export-${f}`}
            >
              {busy === f ? '…' : f.toUpperCase()}
            </button>
          ))}
        </div>
      </div>
      {msg && (
        <span className={msg.error ? 'export-msg error' : 'export-msg'} title={msg.text}>
          {msg.text}
        </span>
      )}
    </div>
  );
}
