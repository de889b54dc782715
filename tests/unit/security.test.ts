import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, createTrustedUrl, isNavigationAllowed } from '../../src/main/security';
import { apiChannels } from '../../src/shared/ipc-contract';

const root = resolve(import.meta.dirname, '../..');

describe('security invariants', () => {
  it('the preload exposes exactly one object, window.api, with exactly the contract methods', async () => {
    const exposed: Record<string, unknown> = {};
    const invoke = vi.fn(async () => ({ ok: true, value: null }));
    vi.doMock('electron', () => ({
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
      ipcRenderer: { invoke },
    }));
    await import('../../src/preload/index');
    expect(Object.keys(exposed)).toEqual(['api']);
    const api = exposed['api'] as Record<string, (...a: unknown[]) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual(Object.keys(apiChannels).sort());
    await api['setSettings']!({ locale: 'en' });
    // Channel names stay inside the preload; the page only ever calls named methods.
    expect(invoke).toHaveBeenCalledWith('settings:set', { locale: 'en' });
    vi.doUnmock('electron');
  });

  it('refuses navigation to any other document', () => {
    const app = 'file:///opt/vram/out/renderer/index.html';
    expect(isNavigationAllowed(app, 'https://example.com/')).toBe(false);
    expect(isNavigationAllowed(app, 'file:///etc/passwd')).toBe(false);
    expect(isNavigationAllowed(app, 'file:///opt/vram/out/renderer/index.html#compare')).toBe(true);
    expect(isNavigationAllowed(app, 'javascript:alert(1)')).toBe(false);
  });

  it('trusts only the app renderer folder and the dev server, by parsed URL', () => {
    const trusted = createTrustedUrl('/opt/vram/out/renderer', 'http://localhost:5173');
    expect(trusted('file:///opt/vram/out/renderer/index.html')).toBe(true);
    expect(trusted('file:///opt/vram/out/renderer/print.html')).toBe(true);
    expect(trusted('file:///opt/vram/out/renderer-evil/index.html')).toBe(false);
    expect(trusted('file:///opt/vram/out/renderer/../../secret.html')).toBe(false);
    expect(trusted('http://localhost:5173/index.html')).toBe(true);
    expect(trusted('http://localhost:5174/index.html')).toBe(false);
    expect(trusted('https://localhost:5173.evil.com/')).toBe(false);
    expect(trusted('not a url')).toBe(false);
  });

  it('the source and the built index.html carry the strict offline CSP', () => {
    const files = [join(root, 'src/renderer/index.html')];
    const built = join(root, 'out/renderer/index.html');
    if (existsSync(built)) files.push(built);
    for (const file of files) {
      const html = readFileSync(file, 'utf8');
      const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
      expect(csp, file).toBe(CONTENT_SECURITY_POLICY);
      expect(csp).toContain("connect-src 'none'");
      expect(html).not.toMatch(/https?:\/\//);
    }
  });

  it('the main process turns on every checklist setting in code', () => {
    const main = readFileSync(join(root, 'src/main/index.ts'), 'utf8');
    for (const needle of [
      'app.enableSandbox()',
      'sandbox: true',
      'contextIsolation: true',
      'nodeIntegration: false',
      'requestSingleInstanceLock',
      'setPermissionRequestHandler',
      "action: 'deny'",
      'will-navigate',
    ]) {
      expect(main, needle).toContain(needle);
    }
  });
});
