// One scenario: its explanation (problem, pattern, what to try, what to expect) in the chosen
// language, its knobs with their ranges, and Start.
import { useEffect, useState, type ReactNode } from 'react';
import { call } from '../api';
import { IconAlert, IconLayers, IconPlay, IconTarget, IconBolt } from '../components/icons';
import { Button, Card, ErrorNote, PageHeader, Spinner } from '../components/ui';
import { useLang } from '../i18n';
import type { KnobSpec, KnobValue, ScenarioSummary } from '../model/types';
import { href, navigate } from '../router';
import { useScenarios } from '../stores/scenarios-store';

export function ScenarioScreen({ id }: { id: string }) {
  const { t } = useLang();
  const { list, error } = useScenarios();
  const scenario = list?.find((s) => s.id === id);
  if (error)
    return (
      <div className="page">
        <ErrorNote message={error} />
      </div>
    );
  if (!list)
    return (
      <div className="page loading">
        <Spinner /> {t('gallery.loading')}
      </div>
    );
  if (!scenario)
    return (
      <div className="page">
        <ErrorNote message={`no scenario "${id}"`} />
      </div>
    );
  return <ScenarioDetail scenario={scenario} />;
}

function defaults(knobs: KnobSpec[]): Record<string, KnobValue> {
  return Object.fromEntries(knobs.map((k) => [k.name, k.default]));
}

function ScenarioDetail({ scenario }: { scenario: ScenarioSummary }) {
  const { t, lang } = useLang();
  const [values, setValues] = useState<Record<string, KnobValue>>(() => defaults(scenario.knobs));
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setValues(defaults(scenario.knobs)), [scenario]);
  const ex = scenario.explanation[lang];
  const invalid = scenario.knobs.some((k) => k.kind === 'int' && !validInt(k, values[k.name]));

  const start = async () => {
    setStarting(true);
    setError(null);
    try {
      const { runId } = await call('runs:start', { scenario: scenario.id, params: values });
      navigate({ name: 'run', runId });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setStarting(false);
    }
  };

  return (
    <div className="page" data-testid="scenario-detail">
      <PageHeader
        crumbs={<a href={href({ name: 'scenarios' })}>{t('scenario.back')}</a>}
        title={scenario.title[lang]}
        subtitle={scenario.summary[lang]}
      />
      <div className="scenario-layout">
        <div className="explain">
          <Section icon={<IconAlert />} title={t('scenario.problem')} tone="bad" text={ex.problem} />
          <Section icon={<IconLayers />} title={t('scenario.pattern')} tone="info" text={ex.pattern} />
          <Section icon={<IconBolt />} title={t('scenario.try')} tone="warn" text={ex.tryThis} />
          <Section icon={<IconTarget />} title={t('scenario.expect')} tone="good" text={ex.expect} />
        </div>
        <Card
          title={t('scenario.settings')}
          className="settings-card"
          actions={
            <Button variant="ghost" onClick={() => setValues(defaults(scenario.knobs))}>
              {t('scenario.reset')}
            </Button>
          }
        >
          <form
            className="knobs"
            onSubmit={(e) => {
              e.preventDefault();
              if (!invalid) void start();
            }}
          >
            {scenario.knobs.map((k) => (
              <Knob
                key={k.name}
                knob={k}
                label={k.label[lang]}
                value={values[k.name]}
                onChange={(v) => setValues({ ...values, [k.name]: v })}
              />
            ))}
            {error && <ErrorNote message={error} />}
            <Button
              type="submit"
              variant="primary"
              icon={starting ? <Spinner /> : <IconPlay />}
              disabled={starting || invalid}
              className="wide"
              data-testid="start-run"
            >
              {starting ? t('scenario.starting') : t('scenario.start')}
            </Button>
            <p className="muted small">{t('scenario.note')}</p>
          </form>
        </Card>
      </div>
    </div>
  );
}

function Section({
  icon,
  title,
  text,
  tone,
}: {
  icon: ReactNode;
  title: string;
  text: string;
  tone: string;
}) {
  return (
    <section className={`explain-section tone-${tone}`}>
      <div className="explain-icon">{icon}</div>
      <div>
        <h3>{title}</h3>
        <p>{text}</p>
      </div>
    </section>
  );
}

function validInt(k: Extract<KnobSpec, { kind: 'int' }>, v: KnobValue | undefined): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= k.min && v <= k.max;
}

function Knob({
  knob,
  label,
  value,
  onChange,
}: {
  knob: KnobSpec;
  label: string;
  value: KnobValue | undefined;
  onChange(v: KnobValue): void;
}) {
  const { t } = useLang();
  const id = `knob-${knob.name}`;
  if (knob.kind === 'bool') {
    return (
      <label className="knob knob-bool" htmlFor={id}>
        <span className="knob-label">{label}</span>
        <span className="switch">
          <input
            id={id}
            type="checkbox"
            checked={value === true}
            onChange={(e) => onChange(e.target.checked)}
            data-testid={id}
          />
          <span className="switch-track" />
        </span>
      </label>
    );
  }
  if (knob.kind === 'enum') {
    return (
      <div className="knob">
        <span className="knob-label">{label}</span>
        <div className="seg" role="radiogroup" data-testid={id}>
          {knob.values.map((v) => (
            <button
              type="button"
              key={v}
              role="radio"
              aria-checked={value === v}
              className={value === v ? 'seg-btn active' : 'seg-btn'}
              onClick={() => onChange(v)}
            >
              {v}
            </button>
          ))}
        </div>
      </div>
    );
  }
  const ok = validInt(knob, value);
  return (
    <label className="knob" htmlFor={id}>
      <span className="knob-label">
        {label} <span className="muted small">{t('scenario.range', { min: knob.min, max: knob.max })}</span>
      </span>
      <input
        id={id}
        className={ok ? 'input' : 'input invalid'}
        type="number"
        min={knob.min}
        max={knob.max}
        step={1}
        value={typeof value === 'number' ? value : ''}
        onChange={(e) => onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
        data-testid={id}
      />
    </label>
  );
}
