import type { LabService } from '../contract/service';
import { registerChannels } from './register';
import type { IpcMainLike, TrustedSender } from './types';

export const SCENARIOS_CHANNELS = ['scenarios:list'] as const;

export function registerScenariosIpc(
  ipcMain: IpcMainLike,
  service: LabService,
  isTrustedSender: TrustedSender,
): () => void {
  return registerChannels(ipcMain, service, isTrustedSender, SCENARIOS_CHANNELS);
}
