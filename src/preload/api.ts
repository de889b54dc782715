// Builds window.api from an invoke function. No electron import: the preload passes ipcRenderer.invoke
// (and webUtils.getPathForFile for dropped files), the browser E2E passes a Playwright binding that calls
// the real handlers.

import { apiChannels, fileArgumentMethods, type Api, type Invoke, type Result } from '../shared/ipc-contract';

export interface ApiOptions {
  /** Path of a File the user dropped; '' when it is not a file on disk. */
  pathForFile?: (file: File) => string;
}

function failure(message: string, code: 'internal' | 'bad-input' = 'internal'): Result<never> {
  return { ok: false, error: { code, message } };
}

export function createApi(invoke: Invoke, opts: ApiOptions = {}): Api {
  const fileMethods = new Set<string>(fileArgumentMethods);
  const api = {} as Record<string, (...args: unknown[]) => Promise<Result<unknown>>>;
  for (const [method, channel] of Object.entries(apiChannels)) {
    api[method] = async (...args: unknown[]) => {
      let wire = args;
      if (fileMethods.has(method)) {
        // The page hands over the File object it got from the drop; only the preload can see its path.
        const path = opts.pathForFile && args[0] ? opts.pathForFile(args[0] as File) : '';
        if (!path) return failure('Only files dropped from your disk can be imported.', 'bad-input');
        wire = [path, ...args.slice(1)];
      }
      try {
        return (await invoke(channel, wire)) as Result<unknown>;
      } catch (error) {
        // The transport itself failed (window closing, main crashed): still an envelope, never a throw.
        const message = error instanceof Error ? error.message : String(error);
        return failure(`The app's background process did not answer: ${message}`);
      }
    };
  }
  return Object.freeze(api) as unknown as Api;
}
