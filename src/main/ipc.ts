// Electron glue for IPC: one ipcMain.handle per contract channel, each checking who is asking before
// ipc-core validates the arguments and runs the handler.

import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channelSchemas, type Channel } from '../shared/ipc-contract';
import { dispatch, type Logger } from './ipc-core';
import type { Handlers } from './handlers';

/** True when the URL is one of the app's own pages (packaged file:// or the dev server). */
export type TrustedUrl = (url: string) => boolean;

function senderIsTrusted(event: IpcMainInvokeEvent, trusted: TrustedUrl): boolean {
  const frame = event.senderFrame;
  // Only our own top-level page may call: no iframes, no navigated-away pages.
  return !!frame && frame.parent === null && trusted(frame.url);
}

export function registerIpc(handlers: Handlers, trusted: TrustedUrl, log: Logger): () => void {
  const channels = Object.keys(channelSchemas) as Channel[];
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, ...args: unknown[]) => {
      if (!senderIsTrusted(event, trusted)) {
        log(`Refused ${channel} from untrusted frame ${event.senderFrame?.url ?? '(gone)'}`);
        return { ok: false, error: { code: 'forbidden-sender', message: 'This page is not allowed to call the app.' } };
      }
      return dispatch(handlers, channel, args, log);
    });
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}
