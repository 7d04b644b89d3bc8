// The scenario catalog, asked once per session.
import { useEffect, useSyncExternalStore } from 'react';
import { call } from '../api';
import type { ScenarioSummary } from '../model/types';
import { Observable } from './external-store';

const state = new Observable<{ list: ScenarioSummary[] | null; error?: string }>({ list: null });
let started = false;

export function loadScenarios(force = false): void {
  if (started && !force) return;
  started = true;
  call('scenarios:list', {})
    .then((list) => state.set({ list }))
    .catch((e: unknown) => {
      started = false;
      state.set({ list: null, error: e instanceof Error ? e.message : String(e) });
    });
}

export function useScenarios(): { list: ScenarioSummary[] | null; error?: string } {
  useEffect(() => loadScenarios(), []);
  return useSyncExternalStore(state.subscribe, state.get);
}
