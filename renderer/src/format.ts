// Display formatting shared by screens.

/** 83_450 ms -> "1:23.4" */
export function clock(ms: number): string {
  const neg = ms < 0;
  const s = Math.abs(ms) / 1000;
  const m = Math.floor(s / 60);
  const rest = s - m * 60;
  return `${neg ? '−' : ''}${m}:${rest.toFixed(1).padStart(4, '0')}`;
}

export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${s % 60} s`;
}

export function dateTime(iso: string, lang: 'en' | 'ko'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'ko' ? 'ko-KR' : 'en-GB', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

export function params(p: Record<string, unknown>): string {
  return Object.entries(p)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('  ');
}

export function shortId(id: string | undefined): string {
  return id ? id.slice(0, 12) : '—';
}
