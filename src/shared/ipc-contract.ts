// The one IPC contract: channel names, argument schemas (checked at run time in main), result types,
// and the Api interface the preload exposes as window.api. Main, preload, renderer and tests all import
// this file, so a change here breaks every side at compile time.

import { VERDICTS } from '../core/advice/types';
import * as v from 'valibot';
import type { ModelInput } from '../core/estimate/types';
import type { FixedBytes } from '../core/multi/types';
import { hardwareProfileSchema, type HardwareProfile } from '../core/hardware/profile';
import type { CpuInfo, Hardware, OsInfo, RamInfo } from '../core/hardware/types';
import { PLAN_SCHEMA, type Plan } from '../core/plan/types';
import type { WatchSnapshot } from '../main/services/watch';
import { evidenceApiChannels, evidenceChannelSchemas, type EvidenceApi, type EvidenceChannelResults } from './evidence-contract';

export type { WatchSample, WatchSnapshot } from '../main/services/watch';

/** Every reply crosses the bridge as an envelope, so the renderer always gets a code and a sentence. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiErrorInfo };

export type ApiErrorCode =
  'invalid-argument' | 'forbidden-sender' | 'not-found' | 'cancelled' | 'io-error' | 'bad-input' | 'timeout' | 'internal';

export interface ApiErrorInfo {
  code: ApiErrorCode;
  message: string;
  /** The argument field at fault ("gpus.0.count", "name"), so the page can point at it without parsing text. */
  field?: string;
  /** The sentence about that field alone ("The GPU count must be at least 1."). */
  reason?: string;
}

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  arch: string;
  /** BCP 47 tag of the OS locale ("ja-JP", "en-US"). */
  locale: string;
  /** Runtime versions; electron/chrome are null outside Electron (browser E2E, CLI). */
  versions: { node: string | null; electron: string | null; chrome: string | null };
  /** False when the desktop app runs without Chromium's OS sandbox (--no-sandbox); null outside Electron. */
  sandboxed?: boolean | null;
}

export interface SystemInfo {
  os: OsInfo;
  cpu: CpuInfo;
  ram: RamInfo;
}

export type LocaleSetting = 'system' | 'en' | 'ja';
export type ThemeSetting = 'system' | 'light' | 'dark';

export interface UiSettings {
  locale: LocaleSetting;
  theme: ThemeSetting;
}

/** Files Compare's set loads into the main model's process, read from their header in main. */
export const ADAPTER_KINDS = ['mmproj', 'lora'] as const;
export type AdapterKind = (typeof ADAPTER_KINDS)[number];

/** A vision projector (mmproj GGUF) or LoRA adapter (GGUF or PEFT folder): its name and the bytes it loads. */
export interface ImportedAdapter {
  kind: AdapterKind;
  /** The file's (or PEFT folder's) name, which the llama-server recipe passes to --mmproj / --lora. */
  name: string;
  fixed: FixedBytes;
}

/** A model read from the user's disk (GGUF header, HF folder) or made from a bare parameter count. */
export interface ImportedModel {
  kind: 'gguf' | 'hf' | 'parameters';
  name: string;
  input: ModelInput;
  architecture: string;
  parameterCount: number;
  layers: number;
  weightsBytes: number;
  /** GGUF file type or HF weight format; null for a bare parameter count. */
  quant: string | null;
  /** File names only (never full paths: the page has no use for them). */
  files: string[];
  warnings: string[];
  bytesRead: number | null;
}

/** An imported model the user kept in their own library (stored in the user-data folder). */
export interface UserModel extends ImportedModel {
  /** "user-<slug>-<random>": stable across restarts. */
  id: string;
  /** ISO timestamp of when it was kept. */
  savedAt: string;
}

export interface UserLibraryState {
  models: UserModel[];
  /** A damaged file kept aside, or entries that could not be read; null when fine. */
  problem: string | null;
}

/** The saved workspace as main stores it (validated field by field by core's restoreWorkspace). */
export interface WorkspaceState {
  workspace: Record<string, unknown> | null;
  problem: string | null;
}

export interface LocalModelInfo {
  id: string;
  name: string;
  source: 'ollama' | 'lmstudio' | 'hf-cache' | 'folder';
  /** Where it lives, for display ("~/.ollama/models/…"). */
  location: string;
  sizeBytes: number;
  format: 'gguf' | 'safetensors';
  quant: string | null;
  architecture: string | null;
  parameterCount: number | null;
  problem: string | null;
}

export interface LocalScan {
  models: LocalModelInfo[];
  problems: string[];
  folders: string[];
}

export interface ProfilesState {
  profiles: HardwareProfile[];
  /** A damaged profiles file that was kept aside, or null. */
  problem: string | null;
}

export type PlanLocale = 'en' | 'ja';
export type PageSize = 'A4' | 'Letter';

export interface SavedFile {
  /** File name only; the folder is remembered by main for the next dialog. */
  fileName: string;
  bytes: number;
}

// Argument schemas. Channels without arguments take an empty tuple.
const noArgs = v.strictTuple([]);

const MAX_PLAN_JSON = 2 * 1024 * 1024;
/** Structural check of a Plan from the page: the fields renderers rely on, and a size cap. */
const planSchema = v.pipe(
  v.looseObject({
    schema: v.literal(PLAN_SCHEMA),
    date: v.pipe(v.string(), v.maxLength(40)),
    appVersion: v.pipe(v.string(), v.maxLength(40)),
    model: v.looseObject({ name: v.pipe(v.string(), v.maxLength(200)), id: v.pipe(v.string(), v.maxLength(200)) }),
    hardware: v.looseObject({ label: v.pipe(v.string(), v.maxLength(400)), devices: v.pipe(v.array(v.looseObject({})), v.maxLength(64)) }),
    comparison: v.pipe(v.array(v.looseObject({})), v.maxLength(8)),
    devices: v.pipe(v.array(v.looseObject({})), v.maxLength(64)),
    remedies: v.pipe(v.array(v.looseObject({})), v.maxLength(32)),
    recipes: v.pipe(v.array(v.looseObject({})), v.maxLength(16)),
    checklist: v.pipe(v.array(v.looseObject({})), v.maxLength(16)),
    verdict: v.picklist(VERDICTS),
  }),
  v.check((plan) => JSON.stringify(plan).length <= MAX_PLAN_JSON, 'The plan is too large to export.'),
);
const plan = planSchema as unknown as v.GenericSchema<Plan>;
const locale = v.picklist(['en', 'ja']);
const localeOpts = v.strictObject({ locale });
const pdfOpts = v.strictObject({ locale, pageSize: v.picklist(['A4', 'Letter']) });
const parameterText = v.pipe(v.string(), v.maxLength(40));
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(1000));

const uiSettingsPatch = v.strictObject({
  locale: v.optional(v.picklist(['system', 'en', 'ja'])),
  theme: v.optional(v.picklist(['system', 'light', 'dark'])),
});

const MAX_WORKSPACE_JSON = 256 * 1024;
const workspaceArg = v.pipe(
  v.looseObject({ version: v.number() }),
  v.check((w) => JSON.stringify(w).length <= MAX_WORKSPACE_JSON, 'The workspace is too large to save.'),
);
const MAX_MODEL_JSON = 4 * 1024 * 1024;
const importedModelArg = v.pipe(
  v.looseObject({
    kind: v.picklist(['gguf', 'hf', 'parameters']),
    name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
    input: v.looseObject({ spec: v.looseObject({}) }),
  }),
  v.check((m) => JSON.stringify(m).length <= MAX_MODEL_JSON, 'The model description is too large to keep.'),
) as unknown as v.GenericSchema<ImportedModel>;

/** Channel → [argument tuple schema]. Names are the wire names; nothing else may be sent. */
export const channelSchemas = {
  'app:info': noArgs,
  'system:info': noArgs,
  'settings:get': noArgs,
  'settings:set': v.strictTuple([uiSettingsPatch]),
  'hardware:detect': v.strictTuple([v.strictObject({ refresh: v.boolean() })]),
  'profiles:list': noArgs,
  'profiles:save': v.strictTuple([hardwareProfileSchema]),
  'profiles:remove': v.strictTuple([v.pipe(v.string(), v.minLength(1), v.maxLength(80))]),
  'workspace:get': noArgs,
  'workspace:save': v.strictTuple([workspaceArg]),
  'library:list': noArgs,
  'library:save': v.strictTuple([importedModelArg]),
  'library:remove': v.strictTuple([v.pipe(v.string(), v.minLength(1), v.maxLength(200))]),
  'import:ggufDialog': noArgs,
  'import:hfDialog': noArgs,
  'import:hfConfigDialog': noArgs,
  'import:dropped': v.strictTuple([v.pipe(v.string(), v.minLength(1), v.maxLength(4096))]),
  'import:parameters': v.strictTuple([parameterText]),
  'import:local': v.strictTuple([id]),
  'import:adapterDialog': v.strictTuple([v.strictObject({ kind: v.picklist(ADAPTER_KINDS) })]),
  'local:scan': noArgs,
  'local:addFolder': noArgs,
  'export:markdown': v.strictTuple([plan, localeOpts]),
  'export:pdf': v.strictTuple([plan, pdfOpts]),
  'export:copyMarkdown': v.strictTuple([plan, localeOpts]),
  'watch:start': v.strictTuple([v.strictObject({ maxMinutes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(30)) })]),
  'watch:read': v.strictTuple([v.pipe(v.number(), v.integer(), v.minValue(0))]),
  'watch:stop': noArgs,
  ...evidenceChannelSchemas,
} as const;

export type Channel = keyof typeof channelSchemas;
export type ChannelArgs<C extends Channel> = v.InferOutput<(typeof channelSchemas)[C]>;

/** What each channel resolves to. */
export interface ChannelResults extends EvidenceChannelResults {
  'app:info': AppInfo;
  'system:info': SystemInfo;
  'settings:get': UiSettings;
  'settings:set': UiSettings;
  'hardware:detect': Hardware;
  'profiles:list': ProfilesState;
  'profiles:save': ProfilesState;
  'profiles:remove': ProfilesState;
  'workspace:get': WorkspaceState;
  'workspace:save': { saved: true };
  'library:list': UserLibraryState;
  'library:save': UserLibraryState;
  'library:remove': UserLibraryState;
  /** null when the user cancelled the dialog. */
  'import:ggufDialog': ImportedModel | null;
  'import:hfDialog': ImportedModel | null;
  /** A config.json picked on its own (Windows and Linux dialogs cannot pick a file or a folder at once). */
  'import:hfConfigDialog': ImportedModel | null;
  'import:dropped': ImportedModel;
  'import:parameters': ImportedModel;
  'import:local': ImportedModel;
  /** null when the user cancelled the dialog. */
  'import:adapterDialog': ImportedAdapter | null;
  'local:scan': LocalScan;
  /** null when cancelled; otherwise the scan including the new folder. */
  'local:addFolder': LocalScan | null;
  'export:markdown': SavedFile | null;
  'export:pdf': SavedFile | null;
  'export:copyMarkdown': { characters: number };
  /** GPU memory sampled once a second in main; read returns the samples from sequence number `since` on. */
  'watch:start': WatchSnapshot;
  'watch:read': WatchSnapshot;
  'watch:stop': WatchSnapshot;
}

/** window.api: one named method per channel; no channel strings or ipcRenderer reach the page. */
export interface Api extends EvidenceApi {
  appInfo(): Promise<Result<AppInfo>>;
  systemInfo(): Promise<Result<SystemInfo>>;
  getSettings(): Promise<Result<UiSettings>>;
  setSettings(patch: v.InferOutput<typeof uiSettingsPatch>): Promise<Result<UiSettings>>;
  detectHardware(opts: { refresh: boolean }): Promise<Result<Hardware>>;
  listProfiles(): Promise<Result<ProfilesState>>;
  saveProfile(profile: HardwareProfile): Promise<Result<ProfilesState>>;
  removeProfile(name: string): Promise<Result<ProfilesState>>;
  getWorkspace(): Promise<Result<WorkspaceState>>;
  saveWorkspace(workspace: { version: number } & Record<string, unknown>): Promise<Result<{ saved: true }>>;
  listUserModels(): Promise<Result<UserLibraryState>>;
  keepUserModel(model: ImportedModel): Promise<Result<UserLibraryState>>;
  removeUserModel(id: string): Promise<Result<UserLibraryState>>;
  importGgufDialog(): Promise<Result<ImportedModel | null>>;
  importHfDialog(): Promise<Result<ImportedModel | null>>;
  importHfConfigDialog(): Promise<Result<ImportedModel | null>>;
  /** A file the user dropped on the window; the preload turns it into a path, the page never sees one. */
  importDropped(file: File): Promise<Result<ImportedModel>>;
  importParameters(text: string): Promise<Result<ImportedModel>>;
  importLocal(id: string): Promise<Result<ImportedModel>>;
  importAdapterDialog(opts: { kind: AdapterKind }): Promise<Result<ImportedAdapter | null>>;
  scanLocal(): Promise<Result<LocalScan>>;
  addLocalFolder(): Promise<Result<LocalScan | null>>;
  exportMarkdown(plan: Plan, opts: { locale: PlanLocale }): Promise<Result<SavedFile | null>>;
  exportPdf(plan: Plan, opts: { locale: PlanLocale; pageSize: PageSize }): Promise<Result<SavedFile | null>>;
  copyMarkdown(plan: Plan, opts: { locale: PlanLocale }): Promise<Result<{ characters: number }>>;
  startWatch(opts: { maxMinutes: number }): Promise<Result<WatchSnapshot>>;
  readWatch(since: number): Promise<Result<WatchSnapshot>>;
  stopWatch(): Promise<Result<WatchSnapshot>>;
}

/** Method name → channel, the single mapping createApi uses. */
export const apiChannels = {
  appInfo: 'app:info',
  systemInfo: 'system:info',
  getSettings: 'settings:get',
  setSettings: 'settings:set',
  detectHardware: 'hardware:detect',
  listProfiles: 'profiles:list',
  saveProfile: 'profiles:save',
  removeProfile: 'profiles:remove',
  getWorkspace: 'workspace:get',
  saveWorkspace: 'workspace:save',
  listUserModels: 'library:list',
  keepUserModel: 'library:save',
  removeUserModel: 'library:remove',
  importGgufDialog: 'import:ggufDialog',
  importHfDialog: 'import:hfDialog',
  importHfConfigDialog: 'import:hfConfigDialog',
  importDropped: 'import:dropped',
  importParameters: 'import:parameters',
  importLocal: 'import:local',
  importAdapterDialog: 'import:adapterDialog',
  scanLocal: 'local:scan',
  addLocalFolder: 'local:addFolder',
  exportMarkdown: 'export:markdown',
  exportPdf: 'export:pdf',
  copyMarkdown: 'export:copyMarkdown',
  startWatch: 'watch:start',
  readWatch: 'watch:read',
  stopWatch: 'watch:stop',
  ...evidenceApiChannels,
} as const satisfies Record<keyof Api, Channel>;

export type Invoke = (channel: Channel, args: unknown[]) => Promise<unknown>;

/** Methods whose first argument is a File the preload must turn into a path (drag and drop). */
export const fileArgumentMethods = ['importDropped'] as const satisfies ReadonlyArray<keyof Api>;
