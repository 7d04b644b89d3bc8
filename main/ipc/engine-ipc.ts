import type { LabService } from '../contract/service';
import { registerChannels } from './register';
import type { IpcMainLike, TrustedSender } from './types';

export const ENGINE_CHANNELS = ['engine:status'] as const;

export function registerEngineIpc(
  ipcMain: IpcMainLike,
  service: LabService,
  isTrustedSender: TrustedSender,
): () => void {
  return registerChannels(ipcMain, service, isTrustedSender, ENGINE_CHANNELS);
}
