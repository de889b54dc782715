// The handler map: plain async functions over services. ipc.ts registers it with Electron; the browser
// E2E and unit tests call the very same functions through ipc-core's dispatch().

import type { Hardware } from '../core/hardware/types';
import type { AdapterKind, Channel, ChannelArgs, ChannelResults, ImportedModel, ProfilesState, SystemInfo } from '../shared/ipc-contract';
import { importAdapter } from './services/import/adapter-files';
import { readAppInfo, type AppIdentity } from './services/app-info';
import type { ImportService } from './services/import/service';
import type { ProfileStore } from './services/profiles';
import type { SettingsStore } from './services/settings';
import { readSystemInfo } from './services/system-info';
import type { PlanExporter } from './services/plan-export';
import type { UserLibrary } from './services/user-library';
import type { WorkspaceStore } from './services/workspace';
import { createWatchService, type WatchService } from './services/watch';
import type { EvidenceStore } from './services/evidence-store';
import { createEvidenceHandlers } from './evidence-handlers';

export type Handlers = { [C in Channel]: (...args: ChannelArgs<C>) => Promise<ChannelResults[C]> };

/** Native dialogs: Electron's in the app, scripted answers in tests. Paths never come from the page. */
export interface Dialogs {
  openModelFile(): Promise<string | null>;
  openModelFolderOrConfig(): Promise<string | null>;
  /** A config.json on its own; falls back to the folder-or-config dialog where a test provides only that. */
  openConfigFile?(): Promise<string | null>;
  openFolder(): Promise<string | null>;
  /** A projector GGUF, or a LoRA GGUF / PEFT adapter file; falls back to the model file dialog where a test provides only that. */
  openAdapterFile?(kind: AdapterKind): Promise<string | null>;
}

export interface Services {
  identity: AppIdentity;
  settings: SettingsStore;
  systemInfo?: () => Promise<SystemInfo>;
  hardware: { detect(refresh: boolean): Promise<Hardware> };
  profiles: ProfileStore;
  dialogs: Dialogs;
  exporter: PlanExporter;
  importer: ImportService;
  workspace: WorkspaceStore;
  userLibrary: UserLibrary;
  /** GPU memory watch; the real nvidia-smi probe when absent. */
  watch?: WatchService;
  /** Stored runs and calibration consent (evidence.json in the user-data folder). */
  evidence?: EvidenceStore;
}

export function createHandlers(services: Services): Handlers {
  const systemInfo = services.systemInfo ?? (() => readSystemInfo());
  async function profilesState(): Promise<ProfilesState> {
    const profiles = await services.profiles.list();
    return { profiles, problem: services.profiles.problem() };
  }

  const importer = services.importer;
  const watch = services.watch ?? createWatchService();
  async function importPicked(path: string | null): Promise<ImportedModel | null> {
    return path ? importer.importPath(path) : null;
  }

  return {
    'app:info': async () => readAppInfo(services.identity),
    'system:info': () => systemInfo(),
    'settings:get': () => services.settings.get(),
    'settings:set': (patch) => services.settings.update(patch),
    'hardware:detect': ({ refresh }) => services.hardware.detect(refresh),
    'profiles:list': () => profilesState(),
    'profiles:save': async (profile) => {
      await services.profiles.save(profile);
      return profilesState();
    },
    'profiles:remove': async (name) => {
      await services.profiles.remove(name);
      return profilesState();
    },
    'workspace:get': () => services.workspace.load(),
    'workspace:save': async (workspace) => {
      await services.workspace.save(workspace);
      return { saved: true };
    },
    'library:list': () => services.userLibrary.list(),
    'library:save': (model) => services.userLibrary.save(model),
    'library:remove': (id) => services.userLibrary.remove(id),
    'import:ggufDialog': async () => importPicked(await services.dialogs.openModelFile()),
    'import:hfDialog': async () => importPicked(await services.dialogs.openModelFolderOrConfig()),
    'import:hfConfigDialog': async () =>
      importPicked(await (services.dialogs.openConfigFile ?? services.dialogs.openModelFolderOrConfig)()),
    'import:dropped': (path) => importer.importPath(path),
    'import:parameters': async (text) => importer.importParameters(text),
    'import:local': (id) => importer.importLocal(id),
    'import:adapterDialog': async ({ kind }) => {
      const path = await (services.dialogs.openAdapterFile ?? (() => services.dialogs.openModelFile()))(kind);
      return path ? importAdapter(kind, path) : null;
    },
    'local:scan': () => importer.scan(),
    'local:addFolder': async () => {
      const folder = await services.dialogs.openFolder();
      return folder ? importer.addFolder(folder) : null;
    },
    'export:markdown': (plan, { locale }) => services.exporter.saveMarkdown(plan, locale),
    'export:pdf': (plan, opts) => services.exporter.savePdf(plan, opts),
    'export:copyMarkdown': (plan, { locale }) => services.exporter.copyMarkdown(plan, locale),
    'watch:start': async (opts) => watch.start(opts),
    'watch:read': async (since) => watch.read(since),
    'watch:stop': async () => watch.stop(),
    ...createEvidenceHandlers(services.evidence),
  };
}
