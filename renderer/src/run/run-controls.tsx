// Workload controls (pause/resume, rate) and the Stop button of a live run.
import { useState } from 'react';
import { call } from '../api';
import { IconPause, IconPlay, IconStop } from '../components/icons';
import { Button } from '../components/ui';
import { useLang } from '../i18n';

interface Props {
  runId: string;
  running: boolean;
  initialRate?: number;
  onError(message: string | null): void;
}

export function RunControls({ runId, running, initialRate, onError }: Props) {
  const { t } = useLang();
  const [paused, setPaused] = useState(false);
  const [rate, setRate] = useState<string>(initialRate !== undefined ? String(initialRate) : '');
  const [busy, setBusy] = useState(false);
  const [stopping, setStopping] = useState(false);

  const control = async (req: { paused?: boolean; rate?: number }) => {
    setBusy(true);
    try {
      const r = await call('runs:control', { runId, ...req });
      setPaused(r.paused);
      setRate(String(r.rate));
      onError(null);
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const stop = async () => {
    setStopping(true);
    try {
      await call('runs:stop', { runId });
      onError(null);
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e));
    } finally {
      setStopping(false);
    }
  };

  const rateNumber = Number(rate);
  return (
    <div className="run-controls">
      <Button
        icon={paused ? <IconPlay /> : <IconPause />}
        disabled={!running || busy}
        onClick={() => void control({ paused: !paused })}
        data-testid="workload-toggle"
      >
        {paused ? t('run.resume') : t('run.pause')}
      </Button>
      <form
        className="rate"
        onSubmit={(e) => {
          e.preventDefault();
          if (rateNumber > 0) void control({ rate: rateNumber });
        }}
      >
        <label>
          {t('run.rate')}
          <input
            type="number"
            min={0.1}
            step="any"
            value={rate}
            onChange={(e) => setRate(e.target.value)}
            disabled={!running}
            data-testid="rate-input"
          />
        </label>
        <Button type="submit" variant="ghost" disabled={!running || busy || !(rateNumber > 0)}>
          {t('run.apply')}
        </Button>
      </form>
      <Button
        variant="danger"
        icon={<IconStop />}
        disabled={!running || stopping}
        onClick={() => void stop()}
        data-testid="stop-run"
      >
        {stopping ? t('run.stopping') : t('run.stop')}
      </Button>
    </div>
  );
}
