// Saved hardware profiles, one JSON file in the user-data folder, written atomically. A damaged file is
// moved aside by json-store and reported, never overwritten in silence.

import path from 'node:path';
import * as v from 'valibot';
import { hardwareProfileSchema, profileKey, validateProfile, type HardwareProfile } from '../../core/hardware/profile';
import { readJson, writeJsonAtomic } from './json-store';

export const PROFILES_FILE = 'hardware-profiles.json';
const MAX_PROFILES = 200;

const fileSchema = v.object({
  version: v.literal(1),
  profiles: v.pipe(v.array(hardwareProfileSchema), v.maxLength(MAX_PROFILES)),
});

/** A user mistake in a profile (bad field, unknown name): one sentence for the UI. */
export class ProfileError extends Error {
  constructor(message: string) {
    super(message);
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
  // Writes are chained so two quick saves never interleave or lose one another.
  let queue: Promise<unknown> = Promise.resolve();

  const sorted = (list: HardwareProfile[]): HardwareProfile[] => [...list].sort((a, b) => a.name.localeCompare(b.name));

  async function load(): Promise<ProfileLoad> {
    const { value, problem } = await readJson(file, (raw) => v.parse(fileSchema, raw));
    cache = value?.profiles ?? [];
    lastProblem = problem;
    return { profiles: sorted(cache), problem };
  }

  async function current(): Promise<HardwareProfile[]> {
    if (cache) return cache;
    return (await load()).profiles;
  }

  function serial<T>(task: () => Promise<T>): Promise<T> {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  }

  return {
    load,
    problem: () => lastProblem,
    async list() {
      return sorted(await current());
    },
    save(input) {
      return serial(async () => {
        const checked = validateProfile(input);
        if (!checked.ok) throw new ProfileError(checked.message);
        const profile = checked.profile;
        const list = (await current()).filter((p) => profileKey(p.name) !== profileKey(profile.name));
        if (list.length >= MAX_PROFILES) throw new ProfileError(`At most ${MAX_PROFILES} profiles can be saved.`);
        const next = sorted([...list, profile]);
        await writeJsonAtomic(file, { version: 1, profiles: next });
        cache = next;
        return profile;
      });
    },
    remove(name) {
      return serial(async () => {
        if (typeof name !== 'string' || !name.trim()) throw new ProfileError('Give the name of the profile to remove.');
        const list = await current();
        const next = list.filter((p) => profileKey(p.name) !== profileKey(name));
        if (next.length === list.length) return false;
        await writeJsonAtomic(file, { version: 1, profiles: next });
        cache = next;
        return true;
      });
    },
  };
}
