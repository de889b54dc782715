// Bundled into an init script: the page gets window.api from the REAL createApi, over a Playwright
// binding that calls the real handlers in the test process. Only Electron's transport is replaced.
import { createApi } from '../../../src/preload/api';
import type { Api } from '../../../src/shared/ipc-contract';

declare global {
  interface Window {
    __vpInvoke(channel: string, args: unknown[]): Promise<unknown>;
    api?: Api;
  }
}

window.api = createApi((channel, args) => window.__vpInvoke(channel, args));
