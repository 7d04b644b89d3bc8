// The shared body of every register<Area>Ipc(): one ipcMain.handle per channel, the sender
// checked, the payload validated, errors returned as values (never thrown across IPC).
import type { ChannelName, Result } from '../contract/channels';
import type { LabService } from '../contract/service';
import type { ErrorValue } from '../engine/errors';
import { dispatchChannel } from './dispatch';
import type { IpcMainLike, TrustedSender } from './types';

export function refused(url: string | undefined): ErrorValue {
  return {
    error: {
      code: 'BAD_REQUEST',
      message: `refused: ${url ?? 'an unknown frame'} is not the Chaos Lab window`,
      definite: true,
    },
  };
}

/** Registers the channels; returns a function that removes them again. */
export function registerChannels(
  ipcMain: IpcMainLike,
  service: LabService,
  isTrustedSender: TrustedSender,
  channels: readonly ChannelName[],
): () => void {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, req): Promise<Result<ChannelName>> => {
      if (!isTrustedSender(event)) return refused(event.senderFrame?.url);
      return dispatchChannel(service, channel, req);
    });
  }
  return () => channels.forEach((c) => ipcMain.removeHandler(c));
}
