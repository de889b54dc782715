// Drives Debian's Chromium (no Playwright browser download is possible here) on the built renderer.

import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { dispatch } from '../../../src/main/ipc-core';
import type { Handlers } from '../../../src/main/handlers';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const RENDERER_DIR = join(ROOT, 'out/renderer');
export const APP_ORIGIN = 'http://vram-planner.test';
export const SHOTS_DIR = process.env['UPDATE_SCREENSHOTS'] ? join(ROOT, 'docs') : join(ROOT, 'test-results');

export function chromiumPath(): string {
  const path = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`Chromium not found at ${path}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  return path;
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('out/renderer is missing: run "npm run build:app" first (npm test does it).');
  }
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

let pageApiScript: string | null = null;

async function bundlePageApi(): Promise<string> {
  if (pageApiScript) return pageApiScript;
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: join(ROOT, 'tests/e2e/support/page-api-entry.ts'), formats: ['iife'], name: 'vpPageApi' },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  const first = outputs[0] as { output: Array<{ type: string; code?: string }> };
  const chunk = first.output.find((o) => o.type === 'chunk');
  if (!chunk?.code) throw new Error('Could not bundle the page API for the browser test.');
  pageApiScript = chunk.code;
  return pageApiScript;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

export interface OpenedApp {
  page: Page;
  consoleErrors: string[];
  /** Requests the page tried to send anywhere but the app's own files (must stay empty: offline). */
  externalRequests: string[];
}

/** Serves out/renderer through request interception (no port, no network) and installs window.api. */
export async function openApp(
  browser: Browser,
  handlers: Handlers,
  opts: { locale?: string; colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number }; page?: string } = {},
): Promise<OpenedApp> {
  const context = await browser.newContext({
    locale: opts.locale ?? 'en-US',
    colorScheme: opts.colorScheme ?? 'light',
    viewport: opts.viewport ?? { width: 1280, height: 860 },
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const externalRequests: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(err.message));
  await page.exposeBinding('__vpInvoke', (_source, channel: unknown, args: unknown) => dispatch(handlers, channel, args));
  await page.addInitScript({ content: await bundlePageApi() });
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== APP_ORIGIN) {
      externalRequests.push(url.href);
      return route.abort('blockedbyclient');
    }
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '') || 'index.html';
    const file = join(RENDERER_DIR, rel);
    if (!file.startsWith(RENDERER_DIR) || !existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ status: 200, body: await readFile(file), contentType: MIME[extname(file)] ?? 'application/octet-stream' });
  });
  await page.goto(`${APP_ORIGIN}/${opts.page ?? 'index.html'}`);
  return { page, consoleErrors, externalRequests };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SHOTS_DIR, { recursive: true });
  const path = join(SHOTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}
