// UI settings (language, theme) and window bounds, persisted atomically in the user-data folder.

import * as v from 'valibot';
import type { UiSettings } from '../../shared/ipc-contract';
import { createSerialQueue, readJson, removeStaleTemps, StoreError, withFileLock, writeFailure, writeJsonAtomic } from './json-store';

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
  let blocked = false;
  let cleaned = false;
  // Every read-modify-write runs in this queue, on a fresh read taken under the cross-process lock, so
  // neither a second window, a quick second update nor the CLI can make one of them lost.
  const serial = createSerialQueue();

  async function read(): Promise<StoredSettings> {
    if (!cleaned) {
      cleaned = true;
      await removeStaleTemps(file);
    }
    const { value, problem, blocked: b } = await readJson(file, (raw) => v.parse(settingsSchema, raw));
    // Keep the first sentence: a later read of a file already moved aside has nothing to say.
    if (problem || !lastProblem) lastProblem = problem;
    blocked = b;
    cache = value ?? { ...defaults };
    return cache;
  }

  function load(): Promise<StoredSettings> {
    return cache ? Promise.resolve(cache) : serial(read);
  }

  function modify(change: (s: StoredSettings) => StoredSettings): Promise<StoredSettings> {
    return serial(() =>
      withFileLock(file, async () => {
        const current = await read();
        if (blocked) throw new StoreError(lastProblem ?? 'The settings file could not be read, so it was not changed.');
        const next = change(current);
        try {
          await writeJsonAtomic(file, next);
        } catch (error) {
          throw writeFailure(file, error);
        }
        cache = next;
        return next;
      }),
    );
  }

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
    problem: () => lastProblem,
  };
}
