// Saved hardware profiles, one JSON file in the user-data folder, written atomically. A damaged file is
// moved aside by json-store and reported, never overwritten in silence.

import path from 'node:path';
import * as v from 'valibot';
import { hardwareProfileSchema, profileKey, validateProfile, type HardwareProfile } from '../../core/hardware/profile';
import { AppError } from './errors';
import { hasUnsafeChars } from './safe-text';
import { createSerialQueue, readJson, removeStaleTemps, StoreError, withFileLock, writeFailure, writeJsonAtomic } from './json-store';

export const PROFILES_FILE = 'hardware-profiles.json';
const MAX_PROFILES = 200;

const fileSchema = v.object({
  version: v.literal(1),
  profiles: v.pipe(v.array(hardwareProfileSchema), v.maxLength(MAX_PROFILES)),
});

/** A user mistake in a profile (bad field, unknown name, one too many): one sentence for the UI. */
export class ProfileError extends AppError {
  constructor(message: string) {
    super('invalid-argument', message);
    this.name = 'ProfileError';
  }
}

export interface ProfileLoad {
  profiles: HardwareProfile[];
  /** Set when the file was damaged and kept aside. */
  problem: string | null;
}

export interface ProfileStore {
  /** Reads the file (again); reports a damaged file once. */
  load(): Promise<ProfileLoad>;
  /** Sorted by name. */
  list(): Promise<HardwareProfile[]>;
  /** Validates, replaces a profile of the same name (case-insensitive), returns what was stored. */
  save(profile: unknown): Promise<HardwareProfile>;
  /** True when a profile of that name existed. */
  remove(name: string): Promise<boolean>;
  /** The last load's problem (a damaged file kept aside), or null. */
  problem(): string | null;
}

export function createProfileStore(dir: string): ProfileStore {
  const file = path.join(dir, PROFILES_FILE);
  let cache: HardwareProfile[] | null = null;
  let lastProblem: string | null = null;
  let blocked = false;
  let cleaned = false;
  // One queue for every read-modify-write in this process, and under it the cross-process lock with a
  // fresh read, so the app and the CLI saving at once both keep their profile.
  const serial = createSerialQueue();

  const sorted = (list: HardwareProfile[]): HardwareProfile[] => [...list].sort((a, b) => a.name.localeCompare(b.name));

  async function read(): Promise<ProfileLoad> {
    if (!cleaned) {
      cleaned = true;
      await removeStaleTemps(file);
    }
    const { value, problem, blocked: b } = await readJson(file, (raw) => v.parse(fileSchema, raw));
    cache = value?.profiles ?? [];
    if (problem || !lastProblem) lastProblem = problem;
    blocked = b;
    return { profiles: sorted(cache), problem };
  }

  async function current(): Promise<HardwareProfile[]> {
    if (cache) return cache;
    return (await serial(read)).profiles;
  }

  function modify<T>(change: (list: HardwareProfile[]) => { next: HardwareProfile[] | null; result: T }): Promise<T> {
    return serial(() =>
      withFileLock(file, async () => {
        const { profiles } = await read();
        if (blocked) throw new StoreError(lastProblem ?? `${PROFILES_FILE} could not be read, so it was not changed.`);
        const { next, result } = change(profiles);
        if (next === null) return result;
        try {
          await writeJsonAtomic(file, { version: 1, profiles: next });
        } catch (error) {
          throw writeFailure(file, error);
        }
        cache = next;
        return result;
      }),
    );
  }

  return {
    load: () => serial(read),
    problem: () => lastProblem,
    async list() {
      return sorted(await current());
    },
    save(input) {
      const name = (input as { name?: unknown } | null)?.name;
      if (typeof name === 'string' && hasUnsafeChars(name)) {
        return Promise.reject(new ProfileError('A profile name cannot contain control or text-direction characters.'));
      }
      const checked = validateProfile(input);
      if (!checked.ok) return Promise.reject(new ProfileError(checked.message));
      const profile = checked.profile;
      return modify((all) => {
        const list = all.filter((p) => profileKey(p.name) !== profileKey(profile.name));
        if (list.length >= MAX_PROFILES) throw new ProfileError(`At most ${MAX_PROFILES} profiles can be saved; remove one first.`);
        return { next: sorted([...list, profile]), result: profile };
      });
    },
    remove(name) {
      if (typeof name !== 'string' || !name.trim()) return Promise.reject(new ProfileError('Give the name of the profile to remove.'));
      return modify((list) => {
        const next = list.filter((p) => profileKey(p.name) !== profileKey(name));
        return next.length === list.length ? { next: null, result: false } : { next, result: true };
      });
    },
  };
}
