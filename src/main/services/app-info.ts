import type { AppInfo } from '../../shared/ipc-contract';

export interface AppIdentity {
  name: string;
  version: string;
  locale: string;
  /** Whether Chromium's OS sandbox is on; only the Electron shell knows (null elsewhere). */
  sandboxed?: boolean | null;
}

/** Runtime facts of the current process; electron/chrome versions exist only inside Electron. */
export function readAppInfo(identity: AppIdentity): AppInfo {
  const versions = process.versions as NodeJS.ProcessVersions & { electron?: string; chrome?: string };
  return {
    name: identity.name,
    version: identity.version,
    platform: process.platform,
    arch: process.arch,
    locale: identity.locale,
    versions: { node: versions.node ?? null, electron: versions.electron ?? null, chrome: versions.chrome ?? null },
    sandboxed: identity.sandboxed ?? null,
  };
}

/** The OS locale outside Electron (CLI, tests): Intl knows it from LANG/LC_ALL or the platform. */
export function systemLocale(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  const fromEnv = raw.split('.')[0]?.replace('_', '-');
  if (fromEnv && fromEnv !== 'C' && fromEnv !== 'POSIX') return fromEnv;
  return Intl.DateTimeFormat().resolvedOptions().locale || 'en-US';
}
