// Image builds in progress, from 'images:progress', kept for the whole session (the task bar
// shows them on every screen).
import { useSyncExternalStore } from 'react';
import type { LabApi } from '../../../main/contract/channels';
import type { ImageProgress } from '../model/types';
import { Observable } from './external-store';

const images = new Observable<ImageProgress[]>([]);
let autoClear: ReturnType<typeof setTimeout> | null = null;
/** A batch that finished without failures leaves the task bar after this long. */
const CLEAR_AFTER_MS = 8000;

export function connectImages(api: LabApi): () => void {
  return api.on('images:progress', (p) => {
    const key = `${p.name}`;
    const list = images.get().filter((x) => x.name !== key);
    const at = images.get().findIndex((x) => x.name === key);
    const next = [...list];
    next.splice(at < 0 ? next.length : at, 0, p);
    images.set(next);
    if (autoClear) clearTimeout(autoClear);
    autoClear = next.every((i) => isFinished(i) && i.state !== 'failed')
      ? setTimeout(clearFinishedImages, CLEAR_AFTER_MS)
      : null;
  });
}

export function clearFinishedImages(): void {
  images.set(images.get().filter((p) => !isFinished(p)));
}

export function isFinished(p: ImageProgress): boolean {
  return p.state === 'done' || p.state === 'cached' || p.state === 'failed';
}

export function useImages(): ImageProgress[] {
  return useSyncExternalStore(images.subscribe, images.get);
}
