// Pure helpers for the navigation and IPC-sender policy, kept apart from Electron so tests can check them
// with Windows-, macOS- and Linux-shaped paths on any machine.

/**
 * The comparable form of a file URL or a file path: forward slashes, percent-escapes decoded, drive letter
 * upper-cased, and — for Windows shapes (drive letter or UNC share) — case-folded, since NTFS paths are
 * case-insensitive. Chromium and Node spell the same file differently (`C:` vs `c:`, `%20` vs raw bytes,
 * `#` escaped or not), so string equality of URLs refuses our own page.
 */
export interface FileKey {
  /** UNC server name, lower-cased ('' for local files). */
  host: string;
  /** Decoded path segments, without empty ones. */
  segments: string[];
  windows: boolean;
}

function keyFromParts(host: string, rawPath: string): FileKey | null {
  let path = rawPath.replace(/\\/g, '/');
  // "/C:/x" (URL pathname) and "C:/x" (Windows path) are the same drive path.
  const drive = /^\/?([a-zA-Z])(?::|\|)(?=\/|$)/.exec(path);
  const windows = !!drive || host !== '';
  if (drive) path = `${drive[1]!.toUpperCase()}:${path.slice(drive[0].length)}`;
  // NFC: macOS file systems hand back decomposed names ("テ" + combining mark) where URLs carry composed ones.
  const segments = path
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .map((s) => s.normalize('NFC'));
  if (segments.includes('..')) return null;
  return { host: host.toLowerCase(), segments: windows ? segments.map((s) => s.toLowerCase()) : segments, windows };
}

/** A file URL as Chromium or Node writes it → its key, or null when it is not a plain file URL. */
export function fileUrlKey(raw: string): FileKey | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'file:') return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // An escaped slash or a NUL would let a decoded name smuggle a separator: refuse rather than guess.
  if (/%2f|%5c|%00/i.test(url.pathname)) return null;
  return keyFromParts(url.hostname, path);
}

/** A local path (the renderer folder main computed) → its key. Handles "C:\\x", "\\\\server\\share\\x", "/x". */
export function filePathKey(path: string): FileKey | null {
  const unc = /^[\\/]{2}([^\\/]+)[\\/](.*)$/.exec(path);
  if (unc && !/^[\\/]{2}[.?][\\/]/.test(path)) return keyFromParts(unc[1]!, `/${unc[2]!}`);
  return keyFromParts('', path);
}

function isInside(root: FileKey, candidate: FileKey): boolean {
  if (root.host !== candidate.host || root.windows !== candidate.windows) return false;
  if (candidate.segments.length <= root.segments.length) return false;
  return root.segments.every((segment, i) => segment === candidate.segments[i]);
}

/**
 * Compares parsed, normalised URLs (never string prefixes) against the app's own entry points: a file
 * under the renderer folder, or the dev server's origin under `npm run dev`.
 */
export function createTrustedUrl(rendererDir: string | null, devServerUrl: string | null): (url: string) => boolean {
  const devOrigin = devServerUrl ? new URL(devServerUrl).origin : null;
  const root = rendererDir ? filePathKey(rendererDir) : null;
  return (raw: string) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return false;
    }
    if (devOrigin && url.origin === devOrigin) return true;
    if (root && url.protocol === 'file:') {
      const key = fileUrlKey(raw);
      return !!key && isInside(root, key);
    }
    return false;
  };
}

/** The page may only stay where it is: any navigation to another document is refused. */
export function isNavigationAllowed(currentUrl: string, targetUrl: string): boolean {
  try {
    const a = new URL(currentUrl);
    const b = new URL(targetUrl);
    return a.origin === b.origin && a.pathname === b.pathname && a.protocol === b.protocol;
  } catch {
    return false;
  }
}

/**
 * Hosts the app itself links to, opened in the system browser. The pages link nowhere today, so the list is
 * empty and every window.open is refused; add a host here only together with the page that links to it.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = [];

/** True for an https URL on an allow-listed host (exact host, default port, no credentials). */
export function isExternalLinkAllowed(raw: string, hosts: readonly string[] = EXTERNAL_LINK_HOSTS): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.port === '' && url.username === '' && url.password === '' && hosts.includes(url.hostname);
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');
