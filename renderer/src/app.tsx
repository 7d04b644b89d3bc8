// Layout: sidebar, the routed screen, the task bar. Live data connects once, at start.
import { useEffect, useSyncExternalStore } from 'react';
import { api, connection } from './api';
import { Sidebar } from './components/sidebar';
import { TaskBar } from './components/task-bar';
import { useLang } from './i18n';
import { useRoute } from './router';
import { CompareScreen } from './screens/compare-screen';
import { EngineDownScreen, EngineScreen } from './screens/engine-screen';
import { GalleryScreen } from './screens/gallery-screen';
import { HistoryScreen } from './screens/history-screen';
import { RunScreen } from './screens/run-screen';
import { ScenarioScreen } from './screens/scenario-screen';
import { connectEngine, useEngine } from './stores/engine-store';
import { connectImages } from './stores/images-store';
import { runsStore } from './stores/runs-store';

let connected = false;
function connectOnce(): void {
  if (connected) return;
  connected = true;
  runsStore.connect(api);
  connectImages(api);
  connectEngine(api);
}

const noop = () => () => {};

export function App() {
  useEffect(connectOnce, []);
  const route = useRoute();
  const { status } = useEngine();
  const { t } = useLang();
  const wsState = useSyncExternalStore(
    connection ? connection.onState : noop,
    () => connection?.state() ?? 'open',
  );
  const engineDown = status !== null && !status.reachable;

  let screen;
  switch (route.name) {
    case 'scenarios':
      screen = engineDown ? <EngineDownScreen /> : <GalleryScreen />;
      break;
    case 'scenario':
      screen = engineDown ? <EngineDownScreen /> : <ScenarioScreen id={route.id} />;
      break;
    case 'run':
      screen = <RunScreen runId={route.runId} />;
      break;
    case 'history':
      screen = <HistoryScreen />;
      break;
    case 'compare':
      screen = <CompareScreen a={route.a} b={route.b} />;
      break;
    case 'engine':
      screen = <EngineScreen />;
      break;
  }

  return (
    <div className="shell">
      <Sidebar route={route} />
      <main className="content">
        {wsState === 'reconnecting' && <div className="conn-banner">{t('conn.lost')}</div>}
        <div className="content-scroll">{screen}</div>
        <TaskBar />
      </main>
    </div>
  );
}
