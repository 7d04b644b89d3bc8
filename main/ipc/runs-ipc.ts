import type { LabService } from '../contract/service';
import { registerChannels } from './register';
import type { IpcMainLike, TrustedSender } from './types';

export const RUNS_CHANNELS = [
  'runs:start',
  'runs:fault',
  'runs:control',
  'runs:stop',
  'runs:list',
  'runs:get',
  'runs:export',
] as const;

export function registerRunsIpc(
  ipcMain: IpcMainLike,
  service: LabService,
  isTrustedSender: TrustedSender,
): () => void {
  return registerChannels(ipcMain, service, isTrustedSender, RUNS_CHANNELS);
}
