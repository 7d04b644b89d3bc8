// The preload (sandboxed, bundled to dist/electron/preload.cjs): window.lab = {invoke, on}.
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './preload-api';

const api = createPreloadApi(ipcRenderer);
contextBridge.exposeInMainWorld('lab', { invoke: api.invoke, on: api.on });
