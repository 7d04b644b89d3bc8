// Every area's registrar at once; the areas together cover the whole contract (checked).
import { CHANNELS, type ChannelName } from '../contract/channels';
import type { LabService } from '../contract/service';
import { CONTAINERS_CHANNELS, registerContainersIpc } from './containers-ipc';
import { ENGINE_CHANNELS, registerEngineIpc } from './engine-ipc';
import { IMAGES_CHANNELS, registerImagesIpc } from './images-ipc';
import { RUNS_CHANNELS, registerRunsIpc } from './runs-ipc';
import { SCENARIOS_CHANNELS, registerScenariosIpc } from './scenarios-ipc';
import type { IpcMainLike, TrustedSender } from './types';

export { registerContainersIpc, registerEngineIpc, registerImagesIpc, registerRunsIpc, registerScenariosIpc };
export { createTrustedSender } from './trusted-sender';
export { createEventForwarder, registerEventIpc, type EventForwarder } from './event-forwarder';
export { withPdfExport } from './pdf-export';
export type { IpcMainLike, IpcEventLike, TrustedSender } from './types';

export const AREA_CHANNELS = [
  ...ENGINE_CHANNELS,
  ...SCENARIOS_CHANNELS,
  ...IMAGES_CHANNELS,
  ...RUNS_CHANNELS,
  ...CONTAINERS_CHANNELS,
] as const;
type Unregistered = Exclude<ChannelName, (typeof AREA_CHANNELS)[number]>;
const _everyChannelHasAnArea: [Unregistered] extends [never] ? true : Unregistered = true;
void _everyChannelHasAnArea;
void CHANNELS;

export function registerAllIpc(
  ipcMain: IpcMainLike,
  service: LabService,
  isTrustedSender: TrustedSender,
): () => void {
  const offs = [
    registerEngineIpc(ipcMain, service, isTrustedSender),
    registerScenariosIpc(ipcMain, service, isTrustedSender),
    registerImagesIpc(ipcMain, service, isTrustedSender),
    registerRunsIpc(ipcMain, service, isTrustedSender),
    registerContainersIpc(ipcMain, service, isTrustedSender),
  ];
  return () => offs.forEach((off) => off());
}
