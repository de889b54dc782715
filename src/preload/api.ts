// Builds window.api from an invoke function. No electron import: the preload passes ipcRenderer.invoke,
// the browser E2E passes a Playwright binding that calls the real handlers.

import { apiChannels, type Api, type Invoke, type Result } from '../shared/ipc-contract';

export function createApi(invoke: Invoke): Api {
  const api = {} as Record<string, (...args: unknown[]) => Promise<Result<unknown>>>;
  for (const [method, channel] of Object.entries(apiChannels)) {
    api[method] = async (...args: unknown[]) => {
      try {
        return (await invoke(channel, args)) as Result<unknown>;
      } catch (error) {
        // The transport itself failed (window closing, main crashed): still an envelope, never a throw.
        const message = error instanceof Error ? error.message : String(error);
        return { ok: false, error: { code: 'internal', message: `The app's background process did not answer: ${message}` } };
      }
    };
  }
  return Object.freeze(api) as unknown as Api;
}
