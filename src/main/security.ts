// Pure helpers for the navigation policy, kept apart from Electron so tests can check them.

/** Compares parsed URLs (never string prefixes) against the app's own entry points. */
export function createTrustedUrl(rendererDir: string | null, devServerUrl: string | null): (url: string) => boolean {
  const devOrigin = devServerUrl ? new URL(devServerUrl).origin : null;
  const fileRoot = rendererDir ? new URL(`file://${rendererDir.replace(/\\/g, '/').replace(/^\/?/, '/')}/`) : null;
  return (raw: string) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return false;
    }
    if (devOrigin && url.origin === devOrigin) return true;
    if (fileRoot && url.protocol === 'file:') {
      const path = decodeURIComponent(url.pathname);
      const root = decodeURIComponent(fileRoot.pathname);
      return path.startsWith(root) && !path.slice(root.length).split('/').includes('..');
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
