import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pkg from '../../../package.json';
import { createHandlers, type Services } from '../../../src/main/handlers';
import { createSettingsStore } from '../../../src/main/services/settings';

/** The real handler map over real services, with settings in a fresh temp folder. */
export async function testHandlers(overrides: Partial<Services> = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'vp-e2e-'));
  return {
    dir,
    handlers: createHandlers({
      identity: { name: 'VRAM Planner', version: pkg.version, locale: 'en-US' },
      settings: createSettingsStore(join(dir, 'settings.json')),
      ...overrides,
    }),
  };
}
