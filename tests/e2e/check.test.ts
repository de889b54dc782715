// The Check view end to end: paste a real 2-GPU llama-server log, pick the model it ran, read planned vs
// measured per component and device, attach the run to the plan and find the appendix in the PDF. Also
// an unknown paste, the live watch over a stand-in nvidia-smi probe, and screenshots at 1024×700.

import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/core/plan/types';
import type { ProbeOutcome } from '../../src/main/services/hardware/probes';
import { emptyCandidate } from '../../src/main/services/hardware/parsers/common';
import { createWatchService } from '../../src/main/services/watch';
import type { PageSize, PlanLocale } from '../../src/shared/ipc-contract';
import { printPlanPdf } from '../fixtures/plan/chromium-pdf';
import { launchBrowser, openApp, ROOT, screenshot } from './support/browser';
import { testHandlers } from './support/handlers';

let browser: Browser;
let log: string;
beforeAll(async () => {
  browser = await launchBrowser();
  log = await readFile(join(ROOT, 'tests/fixtures/measured/llama-cpp-6122-two-gpu.log'), 'utf8');
});
afterAll(async () => {
  await browser?.close();
});

async function pasteRun(page: Page): Promise<void> {
  await page.getByTestId('nav-check').click();
  await page.getByTestId('check-text').fill(log);
  await expect.poll(() => page.getByTestId('check-recognised').innerText()).toContain('CUDA0, CUDA1');
  // The log prints no model metadata: pick the model that ran (Command R v01: 40 layers, 64 KV heads).
  await page.getByTestId('check-model').selectOption('c4ai-command-r-v01');
  await expect.poll(() => page.getByTestId('check-needs-model').count()).toBe(0);
}

async function row(page: Page, name: string, device: string): Promise<Record<string, string>> {
  const r = page.locator(`[data-testid="check-row"][data-name="${name}"][data-device="${device}"]`);
  const cell = (col: string) => r.locator(`[data-col="${col}"]`).innerText();
  return {
    planned: await cell('planned'),
    measured: await cell('measured'),
    difference: await cell('difference'),
    within: await cell('within'),
  };
}

describe('Check view', () => {
  it('compares a pasted 2-GPU log per component and device, attaches it, and the PDF carries the appendix', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vp-check-'));
    let pdfPage: Page | null = null;
    const renderPdf = async (plan: Plan, opts: { locale: PlanLocale; pageSize: PageSize }) => {
      pdfPage ??= (await openApp(browser, handlers, { page: 'print.html' })).page;
      return printPlanPdf(pdfPage, plan, opts);
    };
    const { handlers, dialogs } = await testHandlers({}, { renderPdf });
    const { page, consoleErrors } = await openApp(browser, handlers);
    await pasteRun(page);

    const settings = await page.getByTestId('check-settings').innerText();
    expect(settings).toContain('4,096');
    expect(settings).toContain('f16 / f16');
    expect(settings).toContain('41 / 41');
    expect(settings).toContain('NVIDIA GeForce RTX 4070 Ti, NVIDIA GeForce RTX 3090 Ti');

    // The log's own buffer lines, as measured; planned and difference filled in for both GPUs.
    const kv0 = await row(page, 'kvCache', 'CUDA0');
    expect(kv0).toEqual({ planned: '1,536.00 MiB', measured: '1,536.00 MiB', difference: '0.00 MiB', within: '✓' });
    expect((await row(page, 'kvCache', 'CUDA1')).measured).toBe('3,584.00 MiB');
    const w0 = await row(page, 'weights', 'CUDA0');
    const w1 = await row(page, 'weights', 'CUDA1');
    expect(w0.measured).toBe('5,434.38 MiB');
    expect(w1.measured).toBe('13,989.53 MiB');
    for (const r of [w0, w1]) {
      expect(r.planned).toMatch(/^[\d,]+\.\d\d MiB$/);
      expect(r.difference).toMatch(/^[+-]?[\d,]+\.\d\d MiB$/);
    }
    expect((await row(page, 'compute', 'CUDA0')).measured).toBe('672.01 MiB');
    expect((await row(page, 'total', 'all')).planned).toMatch(/MiB$/);

    // Kept with this machine's runs (the stand-in nvidia-smi's RTX 4090): listed in the calibration panel.
    expect(await page.getByTestId('calibration-empty').count()).toBe(1);
    await page.getByTestId('check-keep').click();
    await expect.poll(() => page.getByTestId('check-keep-status').innerText()).toContain('Kept');
    await expect.poll(() => page.locator('[data-testid^="calibration-run-"]').count()).toBe(1);

    await page.getByTestId('check-attach').click();
    await expect.poll(() => page.getByTestId('check-attached').count()).toBe(1);
    await page.getByTestId('check-open-plan').click();
    await expect.poll(() => page.getByTestId('plan-preview').innerText()).toContain('Appendix: planned vs measured');

    dialogs.save = join(dir, 'plan.pdf');
    await page.getByTestId('export-pdf').click();
    await expect.poll(() => page.getByTestId('export-status').innerText(), { timeout: 30_000 }).toContain('plan.pdf');
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'plan.pdf'), '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    expect(text).toContain('Appendix: planned vs measured');
    expect(text).toMatch(/KV cache CUDA0 1,536 MiB 1,536 MiB 0 MiB ✓/);
    expect(text).toContain('5,434.38 MiB');
    expect(text).toContain('13,989.53 MiB');
    expect(text).toContain('NVIDIA GeForce RTX 4070 Ti, NVIDIA GeForce RTX 3090 Ti');
    expect(consoleErrors).toEqual([]);
  });

  it('reads a log file the user opens, and refuses one over the size cap', async () => {
    const { handlers } = await testHandlers();
    const { page, consoleErrors } = await openApp(browser, handlers);
    await page.getByTestId('nav-check').click();
    await page.getByTestId('check-file').setInputFiles(join(ROOT, 'tests/fixtures/measured/llama-cpp-6122-two-gpu.log'));
    await expect.poll(() => page.getByTestId('check-file-note').innerText()).toContain('Read llama-cpp-6122-two-gpu.log');
    expect(await page.getByTestId('check-text').inputValue()).toBe(log);
    expect(await page.getByTestId('check-recognised').innerText()).toContain('41 of 41 layers');
    // One byte over the parser's 16 MiB: not read, the text stays as it was.
    const huge = join(await mkdtemp(join(tmpdir(), 'vp-check-')), 'huge.log');
    await writeFile(huge, Buffer.alloc(16 * 2 ** 20 + 1, 0x61));
    await page.getByTestId('check-file').setInputFiles(huge);
    await expect
      .poll(() => page.getByTestId('check-file-note').innerText())
      .toBe('huge.log is larger than 16 MiB; only logs up to that size are read.');
    expect(await page.getByTestId('check-text').inputValue()).toBe(log);
    expect(consoleErrors).toEqual([]);
  });

  it('says clearly when the pasted text is not a run output', async () => {
    const { handlers } = await testHandlers();
    const { page, consoleErrors } = await openApp(browser, handlers);
    await page.getByTestId('nav-check').click();
    await page.getByTestId('check-text').fill('Meeting notes: order more GPUs.\nBudget approved.');
    const msg = await page.getByTestId('check-unknown').innerText();
    expect(msg).toContain('This text is not a run output the app can read.');
    expect(msg).toContain('llama-bench');
    expect(await page.getByTestId('check-table').count()).toBe(0);
    expect(await page.getByTestId('check-attach').count()).toBe(0);

    // An `ollama ps` table is recognised and shown as read: it sizes a model, not a run's settings.
    await page.getByTestId('check-text').fill(await readFile(join(ROOT, 'tests/fixtures/measured/ollama-faq-ps-tabs.txt'), 'utf8'));
    expect(await page.getByTestId('check-recognised').innerText()).toContain('`ollama ps` table');
    expect(await page.getByTestId('check-other').count()).toBe(1);
    expect(await page.getByTestId('check-attach').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  it('watches GPU memory live against the plan and keeps the peak', async () => {
    let call = 0;
    const probe = async (): Promise<ProbeOutcome> => {
      const usedMiB = Math.min(300 + call++ * 3000, 18000);
      const gpu = { ...emptyCandidate('nvidia-smi', 'nvidia'), name: 'NVIDIA GeForce RTX 4090', index: 0 };
      return { gpus: [{ ...gpu, vramTotalBytes: 24564 * 2 ** 20, vramUsedBytes: usedMiB * 2 ** 20 }], status: 'ok', note: null };
    };
    const { handlers } = await testHandlers({ watch: createWatchService({ probe, intervalMs: 250 }) });
    const { page, consoleErrors } = await openApp(browser, handlers);
    await page.getByTestId('nav-check').click();
    await page.getByTestId('watch-start').click();
    await expect.poll(() => page.getByTestId('watch-peaks').innerText(), { timeout: 10_000 }).toContain('18,000 MiB');
    expect(await page.getByTestId('watch-chart').locator('polyline').count()).toBe(1);
    // The plan's line for the detected RTX 4090 is drawn dashed.
    expect(await page.getByTestId('watch-chart').locator('line').count()).toBe(1);
    // The chart's height is the card's 24,564 MiB, its dashed line the plan's figure for the GPU.
    expect(await page.getByTestId('watch-scale').innerText()).toMatch(/^Height: 0 to 24,564 MiB; width: \d+ s\. Dashed/);
    await page.getByTestId('watch-panel').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'check-watch-running');
    await page.getByTestId('watch-stop').click();
    await expect.poll(() => page.getByTestId('watch-stopped').innerText()).toBe('Stopped.');
    // The peak is kept as a run of this machine: the calibration's measured total per GPU.
    await page.getByTestId('watch-keep').click();
    await expect.poll(() => page.getByTestId('watch-kept').count()).toBe(1);
    expect(consoleErrors).toEqual([]);
  });

  it('compares a pasted vLLM log and nvidia-smi readings row by row, in English and Japanese', async () => {
    const fixture = (name: string) => readFile(join(ROOT, 'tests/fixtures/measured', name), 'utf8');
    const { handlers } = await testHandlers();
    const { page, consoleErrors } = await openApp(browser, handlers);
    await page.getByTestId('nav-check').click();
    await page.getByTestId('check-text').fill(await fixture('vllm-10511-memory-profile.log'));
    await expect.poll(() => page.getByTestId('check-recognised').innerText()).toContain('vLLM start-up log');
    // The log names no model: pick the one vLLM PR 10511 ran (Meta-Llama-3-8B-Instruct).
    await page.getByTestId('check-model').selectOption('llama-3-8b-instruct');
    await expect.poll(() => page.getByTestId('check-needs-model').count()).toBe(0);
    for (const name of ['weights', 'compute', 'kvCache']) {
      const r = await row(page, name, 'all');
      expect(r.planned, name).toMatch(/^[\d,.]+ MiB$/);
      expect(r.measured, name).toMatch(/^[\d,.]+ MiB$/);
    }
    // vLLM's weights line: 14.99 GiB, inside the band of the plan for the same settings.
    expect((await row(page, 'weights', 'all')).within).toBe('✓');
    await page.getByTestId('check-attach').click();
    await expect.poll(() => page.getByTestId('check-attached').count()).toBe(1);

    await page.getByTestId('check-text').fill(await fixture('nvidia-smi-ollama-11676-processes.txt'));
    await expect.poll(() => page.getByTestId('check-recognised').innerText()).toContain('nvidia-smi output');
    // GPU 0's processes sum to 238 + 238 + 364 + 958 MiB, against the current plan's total on the RTX 4090.
    const gpu0 = await row(page, 'total', 'GPU0');
    expect(gpu0.measured).toBe('1,798.00 MiB');
    expect(gpu0.planned).toMatch(/^[\d,.]+ MiB$/);

    await page.getByTestId('locale-select').selectOption('ja');
    await expect.poll(() => page.getByTestId('check-recognised').innerText()).toContain('nvidia-smi の出力: プロセスごとのメモリ');
    // The notes sit in a closed <details>: their text, not what is drawn.
    expect(await page.locator('.notes').textContent()).toMatch(/現在の計画の GPU ごとの合計/);
    expect(consoleErrors).toEqual([]);
  });

  it('says there is nothing to watch without an NVIDIA GPU', async () => {
    const { handlers } = await testHandlers({
      watch: createWatchService({ probe: async () => ({ gpus: [], status: 'missing', note: null }) }),
    });
    const { page } = await openApp(browser, handlers);
    await page.getByTestId('nav-check').click();
    await page.getByTestId('watch-start').click();
    await expect.poll(() => page.getByTestId('watch-stopped').innerText()).toContain('No NVIDIA GPU answered');
  });

  for (const [locale, scheme] of [
    ['en-US', 'light'],
    ['en-US', 'dark'],
    ['ja-JP', 'light'],
    ['ja-JP', 'dark'],
  ] as const)
    it(`looks right at 1024×700 (${locale}, ${scheme})`, async () => {
      const { handlers } = await testHandlers();
      const { page, consoleErrors } = await openApp(browser, handlers, {
        locale,
        colorScheme: scheme,
        viewport: { width: 1024, height: 700 },
      });
      if (locale === 'ja-JP') await page.getByTestId('locale-select').selectOption('ja');
      await pasteRun(page);
      await page.getByTestId('check-settings').evaluate((e) => e.scrollIntoView({ block: 'start' }));
      // Nothing in the view is wider than the window.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, `check-${locale.slice(0, 2)}-${scheme}`);
      await page.getByTestId('watch-panel').evaluate((e) => e.scrollIntoView({ block: 'end' }));
      if (scheme === 'light') await screenshot(page, `check-${locale.slice(0, 2)}-watch`);
      if (scheme === 'light') {
        // A vLLM run compared per component, with its counts table, in the same window.
        await page
          .getByTestId('check-text')
          .fill(await readFile(join(ROOT, 'tests/fixtures/measured/vllm-17122-v1-kv-tokens.log'), 'utf8'));
        await page.getByTestId('check-model').selectOption('llama-3.1-8b-instruct');
        await page.getByTestId('check-table').evaluate((e) => e.scrollIntoView({ block: 'start' }));
        await screenshot(page, `check-${locale.slice(0, 2)}-vllm`);
      }
      expect(consoleErrors).toEqual([]);
    });
});
