// UI settings (language, theme) and window bounds, persisted atomically in the user-data folder.

import * as v from 'valibot';
import type { UiSettings } from '../../shared/ipc-contract';
import { readJson, writeJsonAtomic } from './json-store';

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
  let cache: StoredSettings | null = null;
  let lastProblem: string | null = null;
  // Writes are chained so two quick updates never interleave their temp files.
  let writing: Promise<void> = Promise.resolve();

  async function load(): Promise<StoredSettings> {
    if (cache) return cache;
    const { value, problem } = await readJson(file, (raw) => v.parse(settingsSchema, raw));
    lastProblem = problem;
    cache = value ?? { ...defaults };
    return cache;
  }

  function persist(next: StoredSettings): Promise<void> {
    cache = next;
    writing = writing.then(() => writeJsonAtomic(file, next));
    return writing;
  }

  return {
    async get() {
      const s = await load();
      return { locale: s.locale, theme: s.theme };
    },
    async update(patch) {
      const s = await load();
      const next = { ...s, ...Object.fromEntries(Object.entries(patch).filter(([, val]) => val !== undefined)) };
      await persist(next);
      return { locale: next.locale, theme: next.theme };
    },
    async windowBounds() {
      return (await load()).window ?? null;
    },
    async saveWindowBounds(bounds) {
      const s = await load();
      await persist({ ...s, window: bounds });
    },
    async lastExportFolder() {
      return (await load()).lastExportFolder ?? null;
    },
    async saveLastExportFolder(folder) {
      const s = await load();
      await persist({ ...s, lastExportFolder: folder });
    },
    async scanFolders() {
      return [...(await load()).scanFolders];
    },
    async saveScanFolders(folders) {
      const s = await load();
      await persist({ ...s, scanFolders: folders });
    },
    problem: () => lastProblem,
  };
}
