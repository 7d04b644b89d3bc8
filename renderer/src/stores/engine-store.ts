// Engine status: fetched at start, refreshed on 'engine:changed', on a slow poll, and on Retry.
import { useSyncExternalStore } from 'react';
import type { LabApi } from '../../../main/contract/channels';
import { call } from '../api';
import type { EngineStatus } from '../model/types';
import { Observable } from './external-store';

export interface EngineState {
  status: EngineStatus | null;
  /** The lab itself could not be asked (connection lost). */
  error?: string;
  checking: boolean;
  checkedAt?: number;
}

const state = new Observable<EngineState>({ status: null, checking: true });

export async function refreshEngine(): Promise<void> {
  state.set({ ...state.get(), checking: true });
  try {
    const status = await call('engine:status', {});
    state.set({ status, checking: false, checkedAt: Date.now() });
  } catch (e) {
    state.set({
      ...state.get(),
      error: e instanceof Error ? e.message : String(e),
      checking: false,
      checkedAt: Date.now(),
    });
  }
}

export function connectEngine(api: LabApi): () => void {
  const off = api.on('engine:changed', (status) =>
    state.set({ status, checking: false, checkedAt: Date.now() }),
  );
  void refreshEngine();
  const poll = setInterval(() => void refreshEngine(), 15_000);
  return () => {
    off();
    clearInterval(poll);
  };
}

export function useEngine(): EngineState {
  return useSyncExternalStore(state.subscribe, state.get);
}
