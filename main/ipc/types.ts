// The slice of Electron's ipcMain the registrars use, so they can be tested with a fake.
// Electron's IpcMain, IpcMainInvokeEvent and IpcMainEvent satisfy these shapes.

export interface SenderFrameLike {
  url: string;
  /** Null for a top-level frame. */
  parent: unknown;
}

export interface IpcEventLike {
  senderFrame: SenderFrameLike | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): unknown;
}

/** True when the IPC came from the app's own top-level page. */
export type TrustedSender = (event: IpcEventLike) => boolean;
