import { Badge } from '../components/ui';
import { useLang } from '../i18n';

export function VerdictBadge({ valid }: { valid?: true | false | 'unknown' }) {
  const { t } = useLang();
  if (valid === undefined) return <span className="muted">—</span>;
  if (valid === true) return <Badge tone="good">{t('verdict.valid')}</Badge>;
  if (valid === false) return <Badge tone="bad">{t('verdict.invalid')}</Badge>;
  return <Badge tone="warn">{t('verdict.unknown')}</Badge>;
}
