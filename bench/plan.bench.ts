// Plan export: Markdown rendering (pure core) and PDF export through the real print view in Debian's
// Chromium with page.pdf() — the path Electron's printToPDF takes in the app. Target: PDF ≤ 1.5 s
// (render + fonts + print, on an already open print page). Builds nothing: needs `npm run build:app`.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildPlan } from '../src/core/plan/build';
import { renderMarkdown } from '../src/core/plan/markdown';
import type { Handlers } from '../src/main/handlers';
import { printPlanPdf } from '../tests/fixtures/plan/chromium-pdf';
import { fixturePlan, loadPlanInput } from '../tests/fixtures/plan/fixtures';
import { RENDERER_DIR, launchBrowser, openApp } from '../tests/e2e/support/browser';
import { median, type BenchRow } from './types';

function time(fn: () => unknown, runs: number): number {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    t.push(performance.now() - start);
  }
  return median(t);
}

export default async function bench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const input = loadPlanInput('llama70b-2x4090');
  const plan = fixturePlan('llama70b-2x4090');
  for (let i = 0; i < 20; i++) renderMarkdown(plan, 'ja');
  const buildMs = time(() => buildPlan(input), 50);
  const mdEn = time(() => renderMarkdown(plan, 'en'), 50);
  const mdJa = time(() => renderMarkdown(plan, 'ja'), 50);
  rows.push({ metric: 'buildPlan (2 GPUs, 5 remedies)', value: buildMs, unit: 'ms', target: '≤ 5 ms', ok: buildMs <= 5 });
  rows.push({ metric: 'renderMarkdown en', value: mdEn, unit: 'ms', target: '≤ 5 ms', ok: mdEn <= 5 });
  rows.push({ metric: 'renderMarkdown ja', value: mdJa, unit: 'ms', target: '≤ 5 ms', ok: mdJa <= 5 });

  if (!existsSync(join(RENDERER_DIR, 'print.html'))) {
    rows.push({ metric: 'PDF export (out/renderer/print.html missing: run npm run build:app)', value: NaN, unit: 'ms' });
    return rows;
  }
  const browser = await launchBrowser();
  try {
    for (const [locale, pageSize] of [
      ['en', 'A4'],
      ['ja', 'Letter'],
    ] as const) {
      // First export on a freshly opened page: includes loading the bundled fonts (about 2 MB of woff2).
      const start = performance.now();
      const { page } = await openApp(browser, {} as Handlers, { page: 'print.html' });
      const first = await printPlanPdf(page, plan, { locale, pageSize });
      const cold = performance.now() - start;
      const warm: number[] = [];
      let bytes = first.byteLength;
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        bytes = (await printPlanPdf(page, plan, { locale, pageSize })).byteLength;
        warm.push(performance.now() - t0);
      }
      const w = median(warm);
      await page.context().close();
      rows.push({
        metric: `PDF export ${locale} ${pageSize}, first (page open + fonts)`,
        value: cold,
        unit: 'ms',
        target: '≤ 1500 ms',
        ok: cold <= 1500,
      });
      rows.push({
        metric: `PDF export ${locale} ${pageSize}, again (median of 5)`,
        value: w,
        unit: 'ms',
        target: '≤ 1500 ms',
        ok: w <= 1500,
      });
      rows.push({ metric: `PDF size ${locale} ${pageSize}`, value: bytes / 1024, unit: 'KiB' });
    }
  } finally {
    await browser.close();
  }
  return rows;
}
