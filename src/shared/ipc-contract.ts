// The one IPC contract: channel names, argument schemas (checked at run time in main), result types,
// and the Api interface the preload exposes as window.api. Main, preload, renderer and tests all import
// this file, so a change here breaks every side at compile time.

import * as v from 'valibot';
import type { CpuInfo, OsInfo, RamInfo } from '../core/hardware/types';

/** Every reply crosses the bridge as an envelope, so the renderer always gets a code and a sentence. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiErrorInfo };

export type ApiErrorCode =
  | 'invalid-argument'
  | 'forbidden-sender'
  | 'not-found'
  | 'cancelled'
  | 'io-error'
  | 'bad-input'
  | 'timeout'
  | 'internal';

export interface ApiErrorInfo {
  code: ApiErrorCode;
  message: string;
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

// Argument schemas. Channels without arguments take an empty tuple.
const noArgs = v.strictTuple([]);

const uiSettingsPatch = v.strictObject({
  locale: v.optional(v.picklist(['system', 'en', 'ja'])),
  theme: v.optional(v.picklist(['system', 'light', 'dark'])),
});

/** Channel → [argument tuple schema]. Names are the wire names; nothing else may be sent. */
export const channelSchemas = {
  'app:info': noArgs,
  'system:info': noArgs,
  'settings:get': noArgs,
  'settings:set': v.strictTuple([uiSettingsPatch]),
} as const;

export type Channel = keyof typeof channelSchemas;
export type ChannelArgs<C extends Channel> = v.InferOutput<(typeof channelSchemas)[C]>;

/** What each channel resolves to. */
export interface ChannelResults {
  'app:info': AppInfo;
  'system:info': SystemInfo;
  'settings:get': UiSettings;
  'settings:set': UiSettings;
}

/** window.api: one named method per channel; no channel strings or ipcRenderer reach the page. */
export interface Api {
  appInfo(): Promise<Result<AppInfo>>;
  systemInfo(): Promise<Result<SystemInfo>>;
  getSettings(): Promise<Result<UiSettings>>;
  setSettings(patch: v.InferOutput<typeof uiSettingsPatch>): Promise<Result<UiSettings>>;
}

/** Method name → channel, the single mapping createApi uses. */
export const apiChannels = {
  appInfo: 'app:info',
  systemInfo: 'system:info',
  getSettings: 'settings:get',
  setSettings: 'settings:set',
} as const satisfies Record<keyof Api, Channel>;

export type Invoke = (channel: Channel, args: unknown[]) => Promise<unknown>;
