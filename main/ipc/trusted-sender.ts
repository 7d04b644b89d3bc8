// Which frames may talk to main: the top-level page of the app's own origin(s) only.
import type { IpcEventLike, TrustedSender } from './types';

/** `origins` like "app://chaoslab" or "http://localhost:5173" (scheme://host[:port]). */
export function createTrustedSender(origins: readonly string[]): TrustedSender {
  const allowed = new Set(origins.map(originOf).filter((o): o is string => o !== null));
  return (event: IpcEventLike) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent) return false;
    const origin = originOf(frame.url);
    return origin !== null && allowed.has(origin);
  };
}

/** scheme://host[:port]; URL.origin is "null" for custom schemes such as app://, so build it. */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    if (!u.host) return null;
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}
