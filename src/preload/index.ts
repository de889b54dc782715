// Sandboxed preload: only contextBridge glue. The API shape lives in api.ts (no electron import).
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createApi } from './api';

contextBridge.exposeInMainWorld(
  'api',
  createApi((channel, args) => ipcRenderer.invoke(channel, ...args), {
    pathForFile: (file) => webUtils.getPathForFile(file),
  }),
);
