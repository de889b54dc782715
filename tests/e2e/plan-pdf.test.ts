// The PDF path without Electron: the print view in Debian's Chromium, printed with page.pdf(), then
// checked with poppler's pdftotext / pdffonts / pdfinfo, and page 1 rendered to PNG for a look.

import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/core/plan/build';
import { planDocument } from '../../src/core/plan/document';
import type { Plan, PlanRenderOptions } from '../../src/core/plan/types';
import type { Handlers } from '../../src/main/handlers';
import { printPlanPdf, renderInPage } from '../fixtures/plan/chromium-pdf';
import { fixturePlan, loadPlanInput } from '../fixtures/plan/fixtures';
import { launchBrowser, openApp, SHOTS_DIR, type OpenedApp } from './support/browser';

const run = promisify(execFile);
let browser: Browser;
let work: string;

beforeAll(async () => {
  browser = await launchBrowser();
  work = await mkdtemp(join(tmpdir(), 'vp-pdf-'));
});
afterAll(async () => {
  await browser?.close();
});

// The print page needs no window.api; the binding is never called.
const noHandlers = {} as Handlers;

async function openPrint(): Promise<OpenedApp> {
  return openApp(browser, noHandlers, { page: 'print.html', viewport: { width: 900, height: 1200 } });
}

async function pdfOf(plan: Plan, opts: PlanRenderOptions, name: string): Promise<{ file: string; text: string; app: OpenedApp }> {
  const app = await openPrint();
  const pdf = await printPlanPdf(app.page, plan, opts);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const file = join(work, `${name}.pdf`);
  await writeFile(file, pdf);
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return { file, text: stdout.replace(/\s+/g, ' '), app };
}

async function fonts(file: string): Promise<Array<{ name: string; embedded: boolean }>> {
  const { stdout } = await run('pdffonts', [file]);
  return stdout
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name type(…) encoding emb sub uni object ID: emb is the 4th column from the end but three.
      return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' };
    });
}

async function pageSize(file: string): Promise<string> {
  const { stdout } = await run('pdfinfo', [file]);
  return /Page size:\s+(.*)/.exec(stdout)?.[1] ?? '';
}

async function pageOnePng(file: string, name: string): Promise<string> {
  await mkdir(SHOTS_DIR, { recursive: true });
  const base = join(SHOTS_DIR, name);
  await run('pdftoppm', ['-png', '-r', '90', '-f', '1', '-l', '1', '-singlefile', file, base]);
  return `${base}.png`;
}

function squash(s: string): string {
  return s.replace(/\s+/g, ' ');
}

describe('plan PDF in Chromium', () => {
  it('prints the English plan on A4 with the numbers of the plan and only the bundled font', async () => {
    const plan = fixturePlan('llama70b-2x4090');
    const { file, text, app } = await pdfOf(plan, { locale: 'en', pageSize: 'A4' }, 'plan-en');
    expect(await pageSize(file)).toMatch(/59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);

    for (const heading of [
      'Deployment plan: Llama 3.1 70B Instruct',
      'Summary',
      '16-, 8- and 4-bit comparison',
      'Per-device breakdown',
      'The four steps, filled in for this plan',
      'Launch recipes',
      'Assumptions and uncertainty',
    ]) {
      expect(text).toContain(heading);
    }
    const total = `${(plan.components.total / 2 ** 30).toFixed(2)} GiB`;
    expect(text).toContain(total);
    expect(text).toContain(`${(plan.seedFormula.bytes / 1e9).toFixed(1)} GB`);
    for (const d of plan.devices) expect(text).toContain(`${(d.usedBytes / 2 ** 30).toFixed(2)} GiB`);
    expect(text).toContain(`-c ${plan.settings.context * plan.settings.parallel}`);
    expect(text).toContain(`--tensor-split ${plan.tensorSplit!.join(',')}`);
    expect(text).toContain('nvidia-smi --query-gpu=index,name,memory.used,memory.total --format=csv -l 1');

    const embedded = await fonts(file);
    expect(embedded.length).toBeGreaterThan(0);
    for (const f of embedded) {
      expect(f.name).toMatch(/NotoSansJP/);
      expect(f.embedded).toBe(true);
    }

    // Table rows never split across pages; headers repeat.
    const styles = await app.page.evaluate(() => ({
      tr: getComputedStyle(document.querySelector('tbody tr')!).breakInside,
      thead: getComputedStyle(document.querySelector('thead')!).display,
      font: getComputedStyle(document.body).fontFamily,
    }));
    expect(styles).toEqual({ tr: 'avoid', thead: 'table-header-group', font: '"Noto Sans JP", sans-serif' });

    // One bar per device, segments proportional to the plan's bytes.
    const bars = await app.page.locator('[data-testid=device-chart] g[data-device]').count();
    expect(bars).toBe(plan.devices.length);
    const widths = await app.page.$$eval('[data-testid=device-chart] g[data-device] rect.seg[data-kind=weights]', (els) =>
      els.map((e) => Number(e.getAttribute('width'))),
    );
    const scale = Math.max(...plan.devices.map((d) => d.totalBytes));
    widths.forEach((w, i) => expect(w).toBeCloseTo((plan.devices[i]!.weightsBytes / scale) * 1000, 0));

    const png = await pageOnePng(file, 'plan-pdf-en');
    expect(png).toMatch(/plan-pdf-en\.png$/);
    expect(app.externalRequests).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });

  it('prints the Japanese plan on Letter with Japanese text in Noto Sans JP', async () => {
    const plan = fixturePlan('llama70b-4090-offload');
    const { file, text, app } = await pdfOf(plan, { locale: 'ja', pageSize: 'Letter' }, 'plan-ja');
    expect(await pageSize(file)).toMatch(/612 x 792 pts \(letter\)/);
    const doc = planDocument(plan, 'ja');
    const headings = doc.blocks.flatMap((b) => (b.type === 'heading' && b.level <= 2 ? [b.text] : []));
    expect(headings.length).toBeGreaterThan(8);
    for (const h of headings) expect(text).toContain(squash(h));
    expect(text).toContain('CPU へのオフロードが必要');
    expect(text).toContain('記事の公式: M = P × (Q/8) × 1.2');
    expect(text).toContain(`-ngl ${plan.gpuLayers}`);
    const embedded = await fonts(file);
    expect(embedded.length).toBeGreaterThan(0);
    for (const f of embedded) expect(f.name).toMatch(/NotoSansJP/);
    await pageOnePng(file, 'plan-pdf-ja');
    expect(app.externalRequests).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });

  it('re-renders in place and rejects a call without a plan', async () => {
    const app = await openPrint();
    const page: Page = app.page;
    const input = loadPlanInput('llama8b-4090');
    await renderInPage(page, buildPlan(input), { locale: 'en', pageSize: 'A4' });
    await renderInPage(page, fixturePlan('llama8b-h100-vllm'), { locale: 'ja', pageSize: 'Letter' });
    expect(await page.locator('[data-testid=plan]').count()).toBe(1);
    expect(await page.locator('[data-testid=plan]').getAttribute('data-locale')).toBe('ja');
    expect(await page.evaluate(() => document.getElementById('page-size')!.textContent)).toContain('size: Letter');
    const error = await page.evaluate(() =>
      window.__renderPlan!(null as never, { locale: 'en', pageSize: 'A4' }).then(
        () => 'ok',
        (e: Error) => e.message,
      ),
    );
    expect(error).toBe('The print view needs a plan to render.');
  });
});
