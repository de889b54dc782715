// A second process for the store concurrency suite: saves COUNT profiles named PREFIX-i (or settings
// updates) into DIR, as the CLI would beside a running app. Run with `node --import tsx`.

import path from 'node:path';
import { createProfileStore } from '../../src/main/services/profiles';
import { createSettingsStore } from '../../src/main/services/settings';

const [dir, kind, prefix, countText] = process.argv.slice(2);
const count = Number(countText);
const GiB = 1024 ** 3;

if (kind === 'profiles') {
  const store = createProfileStore(dir!);
  for (let i = 0; i < count; i += 1) {
    // Names repeat every 20 saves, so a long run replaces profiles instead of reaching the 200 cap.
    await store.save({
      name: `${prefix}-${i % 20}`,
      gpus: [{ name: 'GPU', vramBytes: 24 * GiB, count: 1, kind: 'dedicated' }],
      ramBytes: 64 * GiB,
      createdAt: '2026-11-22T04:00:00.000Z',
    });
  }
} else {
  const store = createSettingsStore(path.join(dir!, 'settings.json'));
  for (let i = 0; i < count; i += 1) await store.saveScanFolders([...(await store.scanFolders()), `/${prefix}/${i}`]);
}
