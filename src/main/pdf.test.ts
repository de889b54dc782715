import { runInNewContext } from 'node:vm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fixturePlan } from '../../tests/fixtures/plan/fixtures';

interface FakeWindow {
  options: Record<string, unknown>;
  loaded: string | null;
  scripts: string[];
  printed: unknown[];
  destroyed: boolean;
}

const state: { windows: FakeWindow[]; failOn: 'load' | 'script' | 'print' | null; packaged: boolean } = {
  windows: [],
  failOn: null,
  packaged: true,
};

vi.mock('electron', () => {
  class BrowserWindow {
    w: FakeWindow;
    webContents: { executeJavaScript: (s: string) => Promise<unknown>; printToPDF: (o: unknown) => Promise<Buffer> };
    constructor(options: Record<string, unknown>) {
      this.w = { options, loaded: null, scripts: [], printed: [], destroyed: false };
      state.windows.push(this.w);
      this.webContents = {
        executeJavaScript: async (s: string) => {
          this.w.scripts.push(s);
          if (state.failOn === 'script') throw new Error('The bundled Noto Sans JP font did not load.');
          return true;
        },
        printToPDF: async (o: unknown) => {
          this.w.printed.push(o);
          if (state.failOn === 'print') throw new Error('print failed');
          return Buffer.from('%PDF-1.4');
        },
      };
    }
    async loadFile(p: string) {
      this.w.loaded = p;
      if (state.failOn === 'load') throw new Error('ERR_FILE_NOT_FOUND');
    }
    async loadURL(u: string) {
      this.w.loaded = u;
    }
    isDestroyed() {
      return this.w.destroyed;
    }
    destroy() {
      this.w.destroyed = true;
    }
  }
  return {
    app: {
      get isPackaged() {
        return state.packaged;
      },
    },
    BrowserWindow,
  };
});

const { renderPlanPdf, renderScript } = await import('./pdf');

beforeEach(() => {
  state.windows = [];
  state.failOn = null;
  state.packaged = true;
});

describe('renderPlanPdf', () => {
  const plan = fixturePlan('llama8b-4090');

  it('prints out/renderer/print.html in a hidden sandboxed window and closes it', async () => {
    const pdf = await renderPlanPdf(plan, { locale: 'ja', pageSize: 'Letter' });
    expect(pdf.toString()).toBe('%PDF-1.4');
    const [w] = state.windows;
    expect(w!.options).toMatchObject({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } });
    expect((w!.options['webPreferences'] as Record<string, unknown>)['preload']).toBeUndefined();
    expect(w!.loaded).toMatch(/renderer[\\/]print\.html$/);
    expect(w!.printed).toEqual([{ pageSize: 'Letter', printBackground: true, preferCSSPageSize: true }]);
    expect(w!.destroyed).toBe(true);
  });

  it('closes the window when any step fails', async () => {
    for (const step of ['load', 'script', 'print'] as const) {
      state.failOn = step;
      await expect(renderPlanPdf(plan, { locale: 'en', pageSize: 'A4' })).rejects.toThrow();
      expect(state.windows.at(-1)!.destroyed).toBe(true);
    }
  });

  it('uses the dev server in development', async () => {
    state.packaged = false;
    process.env['ELECTRON_RENDERER_URL'] = 'http://localhost:5173';
    try {
      await renderPlanPdf(plan, { locale: 'en', pageSize: 'A4' });
      expect(state.windows[0]!.loaded).toBe('http://localhost:5173/print.html');
    } finally {
      delete process.env['ELECTRON_RENDERER_URL'];
    }
  });
});

describe('renderScript', () => {
  it('hands the plan over as data that round-trips exactly, whatever its strings contain', async () => {
    const odd = { ...fixturePlan('llama8b-4090') };
    odd.model = { ...odd.model, name: '</script><script>alert(1)</script> ` ${x} \u2028 \'"' };
    const received: unknown[] = [];
    const sandbox = {
      window: { __renderPlan: async (p: unknown, o: unknown) => void received.push(p, o) },
      setTimeout,
    };
    const result = await runInNewContext(renderScript(odd, { locale: 'en', pageSize: 'A4' }), sandbox);
    expect(result).toBe(true);
    expect(received[0]).toEqual(JSON.parse(JSON.stringify(odd)));
    expect(received[1]).toEqual({ locale: 'en', pageSize: 'A4' });
  });
});

describe('print.html', () => {
  it('carries the same strict offline CSP as index.html, in the source and the build', async () => {
    const { existsSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { CONTENT_SECURITY_POLICY } = await import('./security');
    const root = join(import.meta.dirname, '../..');
    const csp = (file: string) => /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(readFileSync(file, 'utf8'))?.[1];
    const files = [join(root, 'src/renderer/print.html')];
    if (existsSync(join(root, 'out/renderer/print.html'))) files.push(join(root, 'out/renderer/print.html'));
    for (const f of files) {
      expect(csp(f), f).toBe(CONTENT_SECURITY_POLICY);
      expect(csp(f)).toBe(csp(join(root, 'src/renderer/index.html')));
    }
  });
});
