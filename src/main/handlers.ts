// The handler map: plain async functions over services. ipc.ts registers it with Electron; the browser
// E2E and unit tests call the very same functions through ipc-core's dispatch().

import type { Channel, ChannelArgs, ChannelResults, SystemInfo } from '../shared/ipc-contract';
import { readAppInfo, type AppIdentity } from './services/app-info';
import type { SettingsStore } from './services/settings';
import { readSystemInfo } from './services/system-info';

export type Handlers = { [C in Channel]: (...args: ChannelArgs<C>) => Promise<ChannelResults[C]> };

export interface Services {
  identity: AppIdentity;
  settings: SettingsStore;
  systemInfo?: () => Promise<SystemInfo>;
}

export function createHandlers(services: Services): Handlers {
  const systemInfo = services.systemInfo ?? (() => readSystemInfo());
  return {
    'app:info': async () => readAppInfo(services.identity),
    'system:info': () => systemInfo(),
    'settings:get': () => services.settings.get(),
    'settings:set': (patch) => services.settings.update(patch),
  };
}
