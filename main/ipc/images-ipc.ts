import type { LabService } from '../contract/service';
import { registerChannels } from './register';
import type { IpcMainLike, TrustedSender } from './types';

export const IMAGES_CHANNELS = ['images:build'] as const;

export function registerImagesIpc(
  ipcMain: IpcMainLike,
  service: LabService,
  isTrustedSender: TrustedSender,
): () => void {
  return registerChannels(ipcMain, service, isTrustedSender, IMAGES_CHANNELS);
}
