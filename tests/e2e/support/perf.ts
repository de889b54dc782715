// Timing helpers for the renderer benchmark: they run in the page, so what they measure is what the
// user waits for (script + style + layout + paint), not Playwright's round-trips.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import type { Handlers } from '../../../src/main/handlers';
import { RENDERER_DIR, openApp } from './browser';
import { chooseGpu } from './planner';

declare global {
  interface Window {
    __vpPerf?: { interactive?: number; systemInfo?: number; fcp?: number };
  }
}

/**
 * Installed before any app script: records when the shell first becomes usable — the nav buttons and
 * the first view's heading are in the DOM and a frame with them has been produced. "Produced" = the
 * task after the next animation frame, which is as close to "painted" as a page can observe.
 */
const READY_PROBE = `(() => {
  const perf = (window.__vpPerf = {});
  const afterPaint = (cb) => requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = cb; ch.port2.postMessage(0); });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') perf.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  let sawShell = false, sawInfo = false;
  const check = () => {
    if (!sawShell && document.querySelector('[data-testid="nav-compare"]') && document.querySelector('main h1')) {
      sawShell = true;
      afterPaint(() => { perf.interactive = performance.now(); });
    }
    if (!sawInfo && document.querySelector('[data-testid="system-info"]')) {
      sawInfo = true;
      afterPaint(() => { perf.systemInfo = performance.now(); });
    }
    if (sawShell && sawInfo) mo.disconnect();
  };
  const mo = new MutationObserver(check);
  mo.observe(document, { childList: true, subtree: true });
})();`;

export interface ColdStart {
  /** Navigation start → shell usable and painted (the later of its rendered frame and FCP), ms. */
  interactive: number;
  /** Navigation start → first contentful paint, ms. */
  fcp: number;
  /** Navigation start → the hardware view showing system facts (includes the main-process query), ms. */
  systemInfo: number;
}

/** One cold load in a fresh browser context (no cache, no compiled code shared with earlier loads). */
export async function coldStart(browser: Browser, handlers: Handlers): Promise<ColdStart> {
  // openApp installs routing and window.api, then navigates; a 404 page first lets the probe be added
  // before the real navigation without loading (and so warming up) any app file.
  const { page } = await openApp(browser, handlers, { page: '__blank__.html' });
  try {
    await page.addInitScript({ content: READY_PROBE });
    await page.goto(new URL('index.html', page.url()).href);
    await page.waitForFunction(() => window.__vpPerf?.interactive !== undefined && window.__vpPerf?.systemInfo !== undefined, null, {
      timeout: 30_000,
    });
    const perf = await page.evaluate(() => window.__vpPerf!);
    // The frame after the shell rendered on the main thread can precede its pixels reaching the screen;
    // first contentful paint is the compositor's timestamp, so the later of the two counts.
    const fcp = perf.fcp ?? NaN;
    return { interactive: Math.max(perf.interactive!, Number.isNaN(fcp) ? 0 : fcp), fcp, systemInfo: perf.systemInfo! };
  } finally {
    await page.context().close();
  }
}

/**
 * tsx (esbuild keepNames) wraps named functions in `__name(...)`, which the page lacks when a function
 * is sent through page.evaluate; an identity shim makes such functions runnable there.
 */
async function nameShim(page: Page): Promise<void> {
  await page.evaluate('globalThis.__name ??= (fn) => fn');
}

export interface InteractionTiming {
  /** Event dispatch → Svelte finished updating the DOM (script work), ms per sample. */
  update: number[];
  /** Event dispatch at the start of a frame → that frame rendered (script + style + layout + paint), ms. */
  frame: number[];
  /** Samples whose event changed nothing in the DOM (excluded above). */
  unchanged: number;
}

/**
 * Moves the range input `sliderTestId` through `positions`, one `input` event per frame dispatched
 * from a requestAnimationFrame callback — where Chromium delivers a drag's rAF-aligned input — and
 * times it to the end of that frame's rendering (the task posted from the callback runs after the
 * frame's style, layout and paint). A move costing ≤ 16 ms keeps a drag at 60 frames a second.
 */
export async function timeSliderMoves(page: Page, sliderTestId: string, positions: number[]): Promise<InteractionTiming> {
  await nameShim(page);
  return page.evaluate(
    async ({ id, positions }) => {
      const slider = document.querySelector<HTMLInputElement>(`[data-testid="${id}"]`);
      const root = document.querySelector('main');
      if (!slider || !root) throw new Error(`No ${id} slider on the page.`);
      const out = { update: [] as number[], frame: [] as number[], unchanged: 0 };
      for (const pos of positions) {
        const sample = await new Promise<{ t0: number; domAt: number; end: number }>((resolve) =>
          requestAnimationFrame(() => {
            let domAt = -1;
            const mo = new MutationObserver(() => {
              if (domAt < 0) domAt = performance.now();
            });
            mo.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
            slider.value = String(pos);
            const t0 = performance.now();
            slider.dispatchEvent(new Event('input', { bubbles: true }));
            const ch = new MessageChannel();
            ch.port1.onmessage = () => {
              mo.disconnect();
              resolve({ t0, domAt, end: performance.now() });
            };
            ch.port2.postMessage(0);
          }),
        );
        if (sample.domAt < 0) {
          out.unchanged += 1;
          continue;
        }
        out.update.push(sample.domAt - sample.t0);
        out.frame.push(sample.end - sample.t0);
      }
      return out;
    },
    { id: sliderTestId, positions },
  );
}

/**
 * Time from a click on `triggerTestId` until `readySelector` exists, plus the frame after it, measured
 * in the page (ms).
 */
export async function timeClickUntil(page: Page, triggerTestId: string, readySelector: string): Promise<number> {
  await nameShim(page);
  return page.evaluate(
    async ({ trigger, ready }) => {
      const el = document.querySelector<HTMLElement>(`[data-testid="${trigger}"]`);
      if (!el) throw new Error(`No ${trigger} on the page.`);
      const t0 = performance.now();
      el.click();
      const deadline = t0 + 20_000;
      while (!document.querySelector(ready)) {
        if (performance.now() > deadline) throw new Error(`${ready} did not appear within 20 s.`);
        await new Promise((r) => setTimeout(r, 0));
      }
      return new Promise<number>((resolve) =>
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => resolve(performance.now() - t0);
          ch.port2.postMessage(0);
        }),
      );
    },
    { trigger: triggerTestId, ready: readySelector },
  );
}

/**
 * Opens the Compare view planning on `count` × catalog GPU `gpuId`. The first hardware detection may
 * switch planning to "this computer", so wait for it before choosing GPUs by hand (bounded: the test
 * handlers' detector gives up after 4 s).
 */
export async function compareWithGpus(page: Page, modelId: string, gpuId: string, count: number): Promise<void> {
  await page.getByTestId('nav-compare').click();
  await page.getByTestId('model-select').selectOption(modelId);
  const detected = page.locator('[data-testid="hw-mode-detected"]:not([disabled])');
  await detected.waitFor({ timeout: 6_000 }).catch(() => undefined);
  await chooseGpu(page, gpuId, count);
  await page.getByTestId('col-4-total').waitFor();
}

export interface BundleSize {
  files: string[];
  raw: number;
  gzip: number;
}

/** Every *.js under out/renderer, split into what index.html loads (statically) and the rest. */
export function rendererJsSizes(dir = RENDERER_DIR): { entry: BundleSize; all: BundleSize } {
  if (!existsSync(join(dir, 'index.html'))) throw new Error('out/renderer is missing: run "npm run build:app" first.');
  const js: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.js')) js.push(p);
    }
  };
  walk(dir);
  // The entry's static graph: scripts/modulepreloads named in index.html, then their static imports.
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const entry = new Set<string>();
  const queue = [...html.matchAll(/(?:src|href)="\.?\/?([^"]+\.js)"/g)].map((m) => join(dir, m[1]!));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (entry.has(file) || !existsSync(file)) continue;
    entry.add(file);
    const code = readFileSync(file, 'utf8');
    // Static imports only (`import ... from "./x.js"` / `import "./x.js"`); dynamic import() chunks are lazy.
    for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[^'"();]*?from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)) {
      queue.push(join(file, '..', m[1]!));
    }
  }
  const size = (files: string[]): BundleSize => {
    const buf = files.map((f) => readFileSync(f));
    return {
      files: files.map((f) => relative(dir, f)),
      raw: buf.reduce((s, b) => s + b.length, 0),
      gzip: buf.reduce((s, b) => s + gzipSync(b, { level: 9 }).length, 0),
    };
  };
  return { entry: size([...entry]), all: size(js) };
}

export interface ScanTiming {
  /** Click → first row on screen (a frame produced). */
  firstMs: number;
  /** Click → every row computed (`[data-done="true"]`). */
  doneMs: number;
  /** Longest main-thread task between the click and completion (Long Tasks API; 0 when none ≥ 50 ms). */
  longestTaskMs: number;
}

/** Times a view that fills in slices: first result, completion, and the longest task that blocked input. */
export async function timeScan(page: Page, triggerTestId: string, firstSelector: string, doneSelector: string): Promise<ScanTiming> {
  await nameShim(page);
  return page.evaluate(
    async ({ trigger, first, done }) => {
      let longest = 0;
      const obs = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
      });
      obs.observe({ type: 'longtask', buffered: false });
      const el = document.querySelector<HTMLElement>(`[data-testid="${trigger}"]`);
      if (!el) throw new Error(`No ${trigger} on the page.`);
      const frame = () =>
        new Promise<void>((resolve) =>
          requestAnimationFrame(() => {
            const ch = new MessageChannel();
            ch.port1.onmessage = () => resolve();
            ch.port2.postMessage(0);
          }),
        );
      const t0 = performance.now();
      el.click();
      const deadline = t0 + 60_000;
      while (!document.querySelector(first)) {
        if (performance.now() > deadline) throw new Error(`${first} did not appear within 60 s.`);
        await new Promise((r) => setTimeout(r, 0));
      }
      await frame();
      const firstMs = performance.now() - t0;
      while (!document.querySelector(done)) {
        if (performance.now() > deadline) throw new Error(`${done} did not appear within 60 s.`);
        await new Promise((r) => setTimeout(r, 5));
      }
      await frame();
      const doneMs = performance.now() - t0;
      await new Promise((r) => setTimeout(r, 50));
      obs.disconnect();
      return { firstMs, doneMs, longestTaskMs: longest };
    },
    { trigger: triggerTestId, first: firstSelector, done: doneSelector },
  );
}
