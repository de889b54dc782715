// PDF export: the plan print view (out/renderer/print.html) in a hidden, sandboxed window, printed with
// Chromium's printToPDF. The page gets the Plan as data through __renderPlan; no preload, no IPC.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// Main-process glue like index.ts: the hidden print window needs BrowserWindow (services stay electron-free).
import { app, BrowserWindow } from 'electron';
import type { Plan, PlanRenderOptions } from '../core/plan/types';

const here = dirname(fileURLToPath(import.meta.url));
const RENDER_TIMEOUT_MS = 30_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The script run in the print page: waits for the module to install __renderPlan, then renders. */
export function renderScript(plan: Plan, opts: PlanRenderOptions): string {
  // JSON is a valid JavaScript expression, so the plan crosses as data, never as code.
  return `(async () => {
    for (let i = 0; i < 400 && typeof window.__renderPlan !== 'function'; i++) await new Promise((r) => setTimeout(r, 25));
    if (typeof window.__renderPlan !== 'function') throw new Error('The print view did not start.');
    await window.__renderPlan(${JSON.stringify(plan)}, ${JSON.stringify({ locale: opts.locale, pageSize: opts.pageSize })});
    return true;
  })()`;
}

export async function renderPlanPdf(plan: Plan, opts: PlanRenderOptions): Promise<Buffer> {
  const win = new BrowserWindow({
    show: false,
    width: 900,
    height: 1200,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // Printing happens while the window is hidden; it must not be throttled in the background.
      backgroundThrottling: false,
    },
  });
  try {
    const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
    if (devServerUrl)
      await withTimeout(
        win.loadURL(new URL('print.html', `${devServerUrl.replace(/\/?$/, '/')}`).href),
        RENDER_TIMEOUT_MS,
        'Opening the print view',
      );
    else await withTimeout(win.loadFile(join(here, '../renderer/print.html')), RENDER_TIMEOUT_MS, 'Opening the print view');
    await withTimeout(win.webContents.executeJavaScript(renderScript(plan, opts), true), RENDER_TIMEOUT_MS, 'Laying out the plan');
    return await withTimeout(
      win.webContents.printToPDF({ pageSize: opts.pageSize, printBackground: true, preferCSSPageSize: true }),
      RENDER_TIMEOUT_MS,
      'Printing the plan',
    );
  } finally {
    if (!win.isDestroyed()) win.destroy();
  }
}
