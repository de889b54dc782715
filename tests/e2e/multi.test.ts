// Several models on one machine, driven through the UI: Qwen3-8B with Qwen3-Embedding-0.6B and
// Qwen3-Reranker-0.6B on one 24 GiB GPU (an RTX 4090 chosen by hand). The bar of that GPU has three
// segments whose sum is core's placement for the same set, the verdict is core's, and the exported plan
// (Markdown and the PDF's text, English and Japanese) carries three llama-server recipes whose ports and
// context sizes are the set's, with llama-swap and Ollama for the same processes. Then a set that does not
// fit: the shrink steps apply in one click and undo, and the set survives a reload.

import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planningHardwareForChoice } from '../../src/core/advice/choice';
import { getModel } from '../../src/core/catalog';
import { defaultSettings } from '../../src/core/estimate';
import type { EstimateSettings } from '../../src/core/estimate/types';
import { makeMember, summarizeSet, type SetSummary } from '../../src/core/multi';
import type { Plan } from '../../src/core/plan/types';
import { quantForBits } from '../../src/core/quant/formats';
import { formatGiB } from '../../src/core/units';
import { DEFAULT_CONTEXT } from '../../src/core/workspace/workspace';
import type { PageSize, PlanLocale } from '../../src/shared/ipc-contract';
import { printPlanPdf } from '../fixtures/plan/chromium-pdf';
import { launchBrowser, openApp, ROOT, screenshot } from './support/browser';
import { testHandlers } from './support/handlers';
import { chooseGpu } from './support/planner';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const MAIN = 'qwen3-8b';
const ADDED = [
  ['embedding', 'qwen3-embedding-0.6b'],
  ['reranker', 'qwen3-reranker-0.6b'],
] as const;
const GPU = 'rtx-4090';

/** core's set for what the view plans: Compare's defaults (llama.cpp, the 4-bit column) on one RTX 4090. */
function truth(ramBytes: number, context = DEFAULT_CONTEXT): SetSummary {
  const hw = planningHardwareForChoice({
    mode: 'custom',
    gpus: [{ catalogId: GPU, vramGiB: 24, count: 1 }],
    ramGiB: null,
    machineRamBytes: ramBytes,
  }).hw;
  const main: EstimateSettings = { ...defaultSettings('llama.cpp'), context, quant: quantForBits(4, 'llama.cpp').id };
  const input = (id: string) => ({ spec: getModel(id)!.spec });
  const members = [makeMember(MAIN, 'main', input(MAIN), main), ...ADDED.map(([role, id]) => makeMember(id, role, input(id), main))];
  return summarizeSet(members, hw, { useFreeMemory: true });
}

async function addModel(page: Page, role: string, id: string): Promise<void> {
  await page.getByTestId('multi-add-role').selectOption(role);
  await page.getByTestId('multi-add-model').selectOption(`catalog:${id}`);
  await page.getByTestId('multi-add').click();
}

async function exportMd(page: Page, dialogs: { save: string | null }, dir: string, locale: PlanLocale): Promise<string> {
  const file = join(dir, `multi-plan-${locale}.md`);
  dialogs.save = file;
  await page.getByTestId('plan-locale').selectOption(locale);
  await page.getByTestId('export-md').click();
  await expect.poll(() => page.getByTestId('export-status').innerText(), { timeout: 20_000 }).toContain(`multi-plan-${locale}.md`);
  return readFile(file, 'utf8');
}

async function exportPdfText(page: Page, dialogs: { save: string | null }, dir: string, locale: PlanLocale): Promise<string> {
  const file = join(dir, `multi-plan-${locale}.pdf`);
  dialogs.save = file;
  await page.getByTestId('plan-locale').selectOption(locale);
  await page.getByTestId('export-pdf').click();
  await expect.poll(() => page.getByTestId('export-status').innerText(), { timeout: 30_000 }).toContain(`multi-plan-${locale}.pdf`);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/** Each llama-server recipe of the set: the same port and total context (-c = context × slots) as core's. */
function expectRecipes(text: string, want: SetSummary): void {
  expect(want.recipes).toHaveLength(3);
  want.recipes.forEach((r, i) => {
    const m = want.models[i]!;
    expect(r.ids).toEqual([m.id]);
    expect(text).toContain(r.command);
    expect(r.command).toContain(` -c ${m.ctx * m.parallel} `);
    expect(r.command).toContain(`--port ${r.port}`);
  });
  expect(new Set(want.recipes.map((r) => r.port)).size).toBe(3);
}

describe('Models on this machine', () => {
  it('chat + embedding + reranker on one 24 GiB GPU: three segments, the verdict, a plan with three recipes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vp-multi-'));
    let pdfPage: Page | null = null;
    const renderPdf = async (plan: Plan, opts: { locale: PlanLocale; pageSize: PageSize }) => {
      pdfPage ??= (await openApp(browser, handlers, { page: 'print.html' })).page;
      return printPlanPdf(pdfPage, plan, opts);
    };
    const { handlers, dialogs } = await testHandlers({}, { renderPdf });
    const ram = (await handlers['hardware:detect']({ refresh: false })).ram.totalBytes;
    const { page, consoleErrors } = await openApp(browser, handlers, { viewport: { width: 1024, height: 700 } });
    await page.getByTestId('nav-compare').click();
    await page.getByTestId('model-select').selectOption(MAIN);
    await expect.poll(() => page.getByTestId('hw-mode-detected').isEnabled()).toBe(true);
    await chooseGpu(page, GPU, 1);
    await expect.poll(() => page.getByTestId('multi-empty').count()).toBe(1);
    for (const [role, id] of ADDED) await addModel(page, role, id);

    const want = truth(ram);
    const bar = page.getByTestId('multi-device-0');
    await expect.poll(() => bar.getAttribute('data-segments')).toBe('3');
    expect(Number(await bar.getAttribute('data-used'))).toBe(want.devices[0]!.usedBytes);
    expect(Number(await bar.getAttribute('data-capacity'))).toBe(want.devices[0]!.capacityBytes);
    expect(await bar.locator('rect[fill]').count()).toBe(3);
    expect(await page.getByTestId('multi-verdict').getAttribute('data-verdict')).toBe(want.verdict);
    // Each process's runtime context is in its segment; the note names the one Compare's "Usable" took off.
    expect(await page.getByTestId('multi-reserve').innerText()).toContain(formatGiB(want.models[0]!.bytes.reserve[0]!));
    expect(want.verdict).toBe('fits');
    for (let i = 0; i < ADDED.length; i++)
      expect(Number(await page.getByTestId(`multi-bytes-${i}`).getAttribute('data-value'))).toBe(want.models[i + 1]!.bytes.total);

    await page.getByTestId('nav-plan').click();
    const md = await exportMd(page, dialogs, dir, 'en');
    expect(md).toContain('\n## Models on this machine\n');
    expectRecipes(md, want);
    for (const r of want.recipes) expect(md).toContain(`proxy: "http://127.0.0.1:${r.port}"`);
    expect(md).toContain(`OLLAMA_MAX_LOADED_MODELS=${want.launch.ollama.env.OLLAMA_MAX_LOADED_MODELS}`);
    for (const m of want.launch.ollama.models) expect(md).toContain(`PARAMETER num_ctx ${m.numCtx}`);
    const ja = await exportMd(page, dialogs, dir, 'ja');
    expect(ja).toContain('\n## このマシンで動かすモデル\n');
    expectRecipes(ja, want);
    // The PDF: its text has the same commands (whitespace folded where a long line wraps).
    for (const locale of ['en', 'ja'] as const) {
      const text = await exportPdfText(page, dialogs, dir, locale);
      expect(text).toContain(locale === 'en' ? 'Models on this machine' : 'このマシンで動かすモデル');
      for (const r of want.recipes) expect(text.replace(/\s+/g, '')).toContain(r.command.replace(/\s+/g, ''));
    }
    expect(consoleErrors).toEqual([]);
  });

  it('a set too big for a 16 GB GPU: the shrink steps apply in one click and undo, and the set survives a reload', async () => {
    const { handlers } = await testHandlers();
    const { page, consoleErrors } = await openApp(browser, handlers, { viewport: { width: 1280, height: 800 } });
    await page.getByTestId('nav-compare').click();
    await page.getByTestId('model-select').selectOption(MAIN);
    await expect.poll(() => page.getByTestId('hw-mode-detected').isEnabled()).toBe(true);
    await chooseGpu(page, 'rtx-4080', 1);
    for (const [role, id] of ADDED) await addModel(page, role, id);
    const verdict = page.getByTestId('multi-verdict');
    await expect.poll(() => page.getByTestId('multi-shrink').count()).toBe(1);
    const before = await verdict.getAttribute('data-verdict');
    expect(['offload', 'cpu', 'no-fit']).toContain(before);
    const steps = page.locator('[data-testid^="multi-shrink-"][data-fits]');
    const n = await steps.count();
    expect(n).toBeGreaterThan(0);
    // The steps in the reader's language: the first one (the main context) in Japanese too.
    expect(await steps.nth(0).innerText()).toMatch(/^main context [\d,]+ → [\d,]+ tokens/);
    await page.getByTestId('locale-select').selectOption('ja');
    await expect.poll(() => steps.nth(0).innerText()).toMatch(/^メインモデルのコンテキストを [\d,]+ → [\d,]+ トークンに縮める/);
    await page.getByTestId('locale-select').selectOption('en');
    expect(await steps.nth(n - 1).getAttribute('data-fits')).toBe('true');
    // Applying every step up to the last gives the verdict shrinkSet promised for it.
    const promised = await steps
      .nth(n - 1)
      .locator('strong')
      .getAttribute('data-verdict');
    await page.getByTestId(`multi-shrink-apply-${n - 1}`).click();
    await expect.poll(() => verdict.getAttribute('data-verdict')).toBe(promised);
    await expect.poll(() => page.getByTestId('multi-shrink-applied').count()).toBe(1);
    await page.getByTestId('multi-shrink-undo').click();
    await expect.poll(() => verdict.getAttribute('data-verdict')).toBe(before);
    expect(await page.locator('[data-testid^="multi-row-"][data-role]').count()).toBe(ADDED.length);
    // Saved with the workspace, and back after a reload.
    await expect
      .poll(async () => ((await handlers['workspace:get']()).workspace?.['multi'] as { members: unknown[] } | undefined)?.members.length)
      .toBe(ADDED.length);
    await page.reload();
    await page.getByTestId('nav-compare').click();
    await expect.poll(() => page.locator('[data-testid^="multi-row-"][data-role]').count()).toBe(ADDED.length);
    expect(await page.getByTestId('multi-row-1').getAttribute('data-model')).toBe(ADDED[1][1]);
    // A draft model is offered from the main model's family at most a quarter of its size (same tokenizer).
    await page.getByTestId('multi-add-role').selectOption('draft');
    const offered = await page
      .getByTestId('multi-add-model')
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toEqual(['catalog:qwen3-0.6b', 'catalog:qwen3-1.7b']);
    await addModel(page, 'draft', 'qwen3-0.6b');
    await expect.poll(() => page.getByTestId('multi-row-2').getAttribute('data-role')).toBe('draft');
    await expect.poll(() => page.getByTestId('multi-bytes-2').getAttribute('data-value')).toMatch(/^\d+$/);
    expect(consoleErrors).toEqual([]);
  });

  it('screenshots: 1024×700 and 1280×800, English and Japanese, light and dark, no GPU and a 24 GiB GPU', async () => {
    const base = await (
      await testHandlers({}, { tools: { lspci: { file: 'lspci/no-gpu-D-vnn.txt' } } })
    ).handlers['hardware:detect']({ refresh: false });
    const out = join(ROOT, 'test-results');
    await mkdir(out, { recursive: true });
    for (const gpu of [null, GPU] as const) {
      const setup = await testHandlers(gpu ? {} : { hardware: { detect: async () => ({ ...base, gpus: [] }) } });
      const { page, consoleErrors } = await openApp(browser, setup.handlers, { viewport: { width: 1024, height: 700 } });
      await page.getByTestId('nav-compare').click();
      await page.getByTestId('model-select').selectOption(MAIN);
      await expect.poll(() => page.getByTestId('hw-mode-detected').isEnabled()).toBe(true);
      if (gpu) await chooseGpu(page, gpu, 1);
      for (const [role, id] of ADDED) await addModel(page, role, id);
      await expect.poll(() => page.getByTestId('multi-verdict').count()).toBe(1);
      // No GPU: every model runs on the CPU, so there is no bar and the RAM line says what they need.
      if (!gpu) expect(await page.getByTestId('multi-ram').count()).toBe(1);
      else await expect.poll(() => page.getByTestId('multi-device-0').getAttribute('data-segments')).toBe('3');
      const tag = gpu ? '24gib' : 'nogpu';
      for (const [w, h] of [
        [1024, 700],
        [1280, 800],
      ] as const) {
        await page.setViewportSize({ width: w, height: h });
        for (const locale of ['en', 'ja'] as const) {
          await page.getByTestId('locale-select').selectOption(locale);
          await expect
            .poll(() => page.locator('#multi-title').innerText())
            .toBe(locale === 'en' ? 'Models on this machine' : 'このマシンで動かすモデル');
          for (const theme of ['light', 'dark'] as const) {
            await page.getByTestId('theme-select').selectOption(theme);
            await page.getByTestId('multi-panel').scrollIntoViewIfNeeded();
            await page.getByTestId('multi-panel').evaluate((el) => el.scrollIntoView({ block: 'start' }));
            await page.screenshot({ path: join(out, `multi-${tag}-${locale}-${theme}-${w}.png`) });
            // The README's pictures: the 24 GiB set at 1280 × 800, light.
            if (gpu && w === 1280 && theme === 'light') await screenshot(page, `multi-${locale}`);
          }
        }
      }
      expect(consoleErrors).toEqual([]);
      await setup.cleanup();
    }
  }, 180_000);
});
