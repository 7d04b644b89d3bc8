import type { LabService } from '../contract/service';
import { registerChannels } from './register';
import type { IpcMainLike, TrustedSender } from './types';

export const CONTAINERS_CHANNELS = ['containers:logs'] as const;

export function registerContainersIpc(
  ipcMain: IpcMainLike,
  service: LabService,
  isTrustedSender: TrustedSender,
): () => void {
  return registerChannels(ipcMain, service, isTrustedSender, CONTAINERS_CHANNELS);
}
