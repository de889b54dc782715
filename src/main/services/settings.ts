// UI settings (language, theme) and window bounds, persisted atomically in the user-data folder.

import * as v from 'valibot';
import type { UiSettings } from '../../shared/ipc-contract';
import { createDocStore } from './doc-store';

const settingsSchema = v.object({
  locale: v.optional(v.picklist(['system', 'en', 'ja']), 'system'),
  theme: v.optional(v.picklist(['system', 'light', 'dark']), 'system'),
  lastExportFolder: v.optional(v.pipe(v.string(), v.maxLength(4096))),
  scanFolders: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(4096))), v.maxLength(64)), []),
  window: v.optional(
    v.object({
      x: v.optional(v.number()),
      y: v.optional(v.number()),
      width: v.pipe(v.number(), v.minValue(400), v.maxValue(20000)),
      height: v.pipe(v.number(), v.minValue(300), v.maxValue(20000)),
      maximized: v.optional(v.boolean(), false),
    }),
  ),
});

export type StoredSettings = v.InferOutput<typeof settingsSchema>;
export type WindowBounds = NonNullable<StoredSettings['window']>;

export interface SettingsStore {
  get(): Promise<UiSettings>;
  update(patch: Partial<UiSettings>): Promise<UiSettings>;
  windowBounds(): Promise<WindowBounds | null>;
  saveWindowBounds(bounds: WindowBounds): Promise<void>;
  /** Folder of the last exported plan, offered first by the next save dialog. */
  lastExportFolder(): Promise<string | null>;
  saveLastExportFolder(folder: string): Promise<void>;
  /** Folders the user added to the local model scan. */
  scanFolders(): Promise<string[]>;
  saveScanFolders(folders: string[]): Promise<void>;
  /** A sentence about a settings file that could not be read (and was kept aside), or null. */
  problem(): string | null;
}

const defaults: StoredSettings = { locale: 'system', theme: 'system', scanFolders: [] };

export function createSettingsStore(file: string): SettingsStore {
  // Every read-modify-write runs on a fresh read under the cross-process lock (doc-store), so neither a
  // second window, a quick second update nor the CLI can make one of them lost.
  const store = createDocStore<StoredSettings>(
    file,
    (raw) => v.parse(settingsSchema, raw),
    () => ({ ...defaults }),
  );
  const load = (): Promise<StoredSettings> => store.get();
  const modify = (change: (s: StoredSettings) => StoredSettings): Promise<StoredSettings> =>
    store.modify((current) => {
      const next = change(current);
      return { next, result: next };
    });

  return {
    async get() {
      const s = await load();
      return { locale: s.locale, theme: s.theme };
    },
    async update(patch) {
      const clean = Object.fromEntries(
        Object.entries(patch).filter(([key, val]) => val !== undefined && (key === 'locale' || key === 'theme')),
      );
      const next = await modify((s) => ({ ...s, ...clean }));
      return { locale: next.locale, theme: next.theme };
    },
    async windowBounds() {
      return (await load()).window ?? null;
    },
    async saveWindowBounds(bounds) {
      await modify((s) => ({ ...s, window: bounds }));
    },
    async lastExportFolder() {
      return (await load()).lastExportFolder ?? null;
    },
    async saveLastExportFolder(folder) {
      await modify((s) => ({ ...s, lastExportFolder: folder }));
    },
    async scanFolders() {
      return [...(await load()).scanFolders];
    },
    async saveScanFolders(folders) {
      await modify((s) => ({ ...s, scanFolders: folders }));
    },
    problem: () => store.problem(),
  };
}
