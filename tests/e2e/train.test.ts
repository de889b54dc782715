// Fine-tune mode in Compare, driven through the UI: an 8B catalog model on one 24 GiB GPU. QLoRA r=16 fits
// with the figures core computes for the same inputs; full fine-tuning does not, and the remedies core
// ranks are offered and apply in one click; the exported plan (Markdown, PDF, both languages) carries
// the training recipe with the same values.

import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planningHardwareForChoice } from '../../src/core/advice/choice';
import { getModel } from '../../src/core/catalog';
import { gib } from '../../src/core/plan/document-blocks';
import type { Plan } from '../../src/core/plan/types';
import { defaultTrainingSettings, estimateTraining } from '../../src/core/train';
import type { TrainingSettings } from '../../src/core/train/types';
import { formatGiB } from '../../src/core/units';
import type { PageSize, PlanLocale } from '../../src/shared/ipc-contract';
import { printPlanPdf } from '../fixtures/plan/chromium-pdf';
import { launchBrowser, openApp, screenshot, SHOTS_DIR } from './support/browser';
import { testHandlers } from './support/handlers';
import { chooseGpu } from './support/planner';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const MODEL_ID = 'llama-3.1-8b-instruct';
const GPU = 'rtx-4090';
const VIEWPORT = { width: 1024, height: 700 };

async function truthFor(handlers: Awaited<ReturnType<typeof testHandlers>>['handlers'], settings: TrainingSettings, count = 1) {
  const detected = await handlers['hardware:detect']({ refresh: false });
  const { hw } = planningHardwareForChoice({
    mode: 'custom',
    gpus: [{ catalogId: GPU, vramGiB: 0, count }],
    ramGiB: null,
    machineRamBytes: detected.ram.totalBytes,
  });
  return estimateTraining(getModel(MODEL_ID)!.spec, settings, hw);
}

async function verdictOf(page: Page): Promise<string | null> {
  return page.getByTestId('train-verdict').getAttribute('data-verdict');
}

/** Exports the plan as PDF through the UI; keeps its first page as a PNG to look at; returns its text (one page or all). */
async function exportPdfPage(
  page: Page,
  dialogs: { save: string | null },
  dir: string,
  locale: PlanLocale,
  onlyPage?: number,
): Promise<string> {
  const file = join(dir, `plan-${locale}.pdf`);
  dialogs.save = file;
  await page.getByTestId('export-pdf').click();
  await expect.poll(() => page.getByTestId('export-status').innerText(), { timeout: 20_000 }).toContain(`plan-${locale}.pdf`);
  await mkdir(SHOTS_DIR, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '90', '-f', '1', '-l', '1', '-singlefile', file, join(SHOTS_DIR, `train-plan-pdf-${locale}`)]);
  const range = onlyPage ? ['-f', String(onlyPage), '-l', String(onlyPage)] : [];
  return execFileSync('pdftotext', ['-enc', 'UTF-8', ...range, file, '-'], { encoding: 'utf8' });
}

describe('fine-tune mode', () => {
  it('plans QLoRA and full fine-tuning of an 8B model on a 24 GiB GPU, and exports the recipe', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vp-train-'));
    let pdfPage: Page | null = null;
    const renderPdf = async (plan: Plan, opts: { locale: PlanLocale; pageSize: PageSize }) => {
      pdfPage ??= (await openApp(browser, handlers, { page: 'print.html' })).page;
      return printPlanPdf(pdfPage, plan, opts);
    };
    const { handlers, dialogs } = await testHandlers({}, { renderPdf });
    const { page, consoleErrors } = await openApp(browser, handlers, { viewport: VIEWPORT });
    await page.getByTestId('nav-compare').click();
    await page.getByTestId('model-select').selectOption(MODEL_ID);
    await expect.poll(() => page.getByTestId('hw-mode-detected').isEnabled()).toBe(true);
    await chooseGpu(page, GPU, 1);
    await page.getByTestId('mode-train').check();

    // QLoRA r=16 (the default method): the figures on screen are core's for the same inputs.
    await page.getByTestId('train-method').selectOption('qlora');
    await page.getByTestId('train-rank').fill('16');
    const qlora = await truthFor(handlers, {
      ...defaultTrainingSettings('qlora'),
      lora: { ...defaultTrainingSettings('qlora').lora, rank: 16 },
    });
    expect(qlora.verdict).toBe('fits');
    await expect.poll(() => verdictOf(page)).toBe('fits');
    expect(Number(await page.getByTestId('train-verdict').getAttribute('data-total-bytes'))).toBe(qlora.bytes.total);
    expect(await page.getByTestId('train-total').innerText()).toBe(formatGiB(qlora.bytes.total));
    expect(Number(await page.getByTestId('train-trainable').getAttribute('data-trainable'))).toBe(qlora.training.trainableParameters);
    for (const k of ['weights', 'gradients', 'optimizer', 'activations', 'logits', 'overhead'] as const)
      expect(Number(await page.getByTestId(`train-c-${k}`).getAttribute('data-bytes')), k).toBe(qlora.bytes[k]);
    await screenshot(page, 'train-qlora-en-light');

    // Full fine-tuning of 8B parameters with AdamW cannot fit in 24 GiB: remedies in core's order.
    await page.getByTestId('train-method').selectOption('full');
    const full = await truthFor(handlers, defaultTrainingSettings('full'));
    expect(full.verdict).toBe('no-fit');
    await expect.poll(() => verdictOf(page)).toBe('no-fit');
    expect(Number(await page.getByTestId('train-verdict').getAttribute('data-total-bytes'))).toBe(full.bytes.total);
    const items = page.getByTestId('train-remedies').locator('li');
    expect(full.remedies.length).toBeGreaterThan(0);
    await expect.poll(() => items.count()).toBe(full.remedies.length);
    expect(await items.evaluateAll((li) => li.map((l) => l.getAttribute('data-id')))).toEqual(full.remedies.map((r) => r.id));
    await page.getByTestId('train-remedies').scrollIntoViewIfNeeded();
    await screenshot(page, 'train-full-en-light');

    // One click applies the first remedy; the verdict becomes the one core promised; undo restores.
    await page.getByTestId('train-apply-0').click();
    await expect.poll(() => verdictOf(page)).toBe(full.remedies[0]!.verdict);
    await page.getByTestId('train-undo').click();
    await expect.poll(() => verdictOf(page)).toBe('no-fit');

    // The same screen in the dark theme and in Japanese.
    await page.getByTestId('theme-select').selectOption('dark');
    await page.getByTestId('train-result').scrollIntoViewIfNeeded();
    await screenshot(page, 'train-full-en-dark');
    await page.getByTestId('locale-select').selectOption('ja');
    await expect.poll(() => page.getByTestId('mode-train').locator('..').innerText()).toBe('ファインチューニング');
    await screenshot(page, 'train-full-ja-dark');
    await page.getByTestId('theme-select').selectOption('light');
    await page.getByTestId('train-method').selectOption('qlora');
    await expect.poll(() => verdictOf(page)).toBe('fits');
    await screenshot(page, 'train-qlora-ja-light');
    await page.getByTestId('locale-select').selectOption('en');

    // The plan leads with the training section and its recipes, with the values on screen.
    await page.getByTestId('nav-plan').click();
    await expect.poll(() => page.getByTestId('plan-preview').innerText()).toContain('Fine-tuning plan: Llama 3.1 8B Instruct');
    expect(await page.getByTestId('plan-train-summary').locator('strong').getAttribute('data-verdict')).toBe('fits');
    // The planning line names the training method, not the inference quant.
    expect(await page.getByTestId('plan-planning-line').innerText()).toContain('QLoRA');
    await screenshot(page, 'train-plan-view-en');
    await page.getByTestId('plan-locale').selectOption('en');
    dialogs.save = join(dir, 'plan.md');
    await page.getByTestId('export-md').click();
    await expect.poll(() => page.getByTestId('export-status').innerText()).toContain('plan.md');
    const md = await readFile(join(dir, 'plan.md'), 'utf8');
    expect(md).toMatch(/^# Fine-tuning plan: Llama 3\.1 8B Instruct\n/);
    expect(md).toContain('\n# Inference plan: running Llama 3.1 8B Instruct after training\n');
    const pageOne = await exportPdfPage(page, dialogs, dir, 'en', 1);
    expect(pageOne).toContain(gib(qlora.bytes.total));
    expect(pageOne).toContain('Training verdict');
    expect(pageOne).not.toContain('Inference plan');
    expect(md).toContain(`| ${gib(qlora.bytes.total)} |`);
    for (const value of [
      'r=16,',
      'bnb_4bit_use_double_quant=True,',
      'per_device_train_batch_size=1,',
      'max_length=2048,',
      'lora_r: 16',
      'sequence_len: 2048',
    ])
      expect(md).toContain(value);
    expect(md).toContain('FastLanguageModel.get_peft_model(');

    await page.getByTestId('plan-locale').selectOption('ja');
    const text = await exportPdfPage(page, dialogs, dir, 'ja');
    expect(text).toContain('ファインチューニング計画: Llama 3.1 8B Instruct');
    expect(text).toContain('推論計画: 学習後の Llama 3.1 8B Instruct を動かす');
    expect(text).toContain('bnb_4bit_use_double_quant=True');
    expect(text).toContain(gib(qlora.bytes.total));
    await screenshot(page, 'train-plan-ja');
    expect(consoleErrors).toEqual([]);
  });

  it('keeps the mode and the training settings across a restart', async () => {
    const { handlers } = await testHandlers();
    const { page } = await openApp(browser, handlers, { viewport: VIEWPORT });
    await page.getByTestId('nav-compare').click();
    await page.getByTestId('mode-train').check();
    await page.getByTestId('train-method').selectOption('lora');
    await page.getByTestId('train-rank').fill('64');
    await page.getByTestId('train-seq').selectOption('4096');
    await page.getByTestId('train-optimizer').selectOption('paged-adamw-8bit');
    // The workspace is saved 300 ms after the last change.
    await expect
      .poll(async () => (await handlers['workspace:get']()).workspace?.['training'])
      .toMatchObject({ mode: 'train', settings: { method: 'lora', seq: 4096, optimizer: 'paged-adamw-8bit', lora: { rank: 64 } } });
    await page.reload();
    await expect.poll(() => page.getByTestId('mode-train').isChecked()).toBe(true);
    expect(await page.getByTestId('train-method').inputValue()).toBe('lora');
    expect(await page.getByTestId('train-rank').inputValue()).toBe('64');
    expect(await page.getByTestId('train-seq').inputValue()).toBe('4096');
    expect(await page.getByTestId('train-optimizer').inputValue()).toBe('paged-adamw-8bit');
  });

  it('shards full fine-tuning over two GPUs with ZeRO-3 and CPU offload, one bar per GPU', async () => {
    const { handlers } = await testHandlers();
    const { page } = await openApp(browser, handlers, { viewport: VIEWPORT });
    await page.getByTestId('nav-compare').click();
    await page.getByTestId('model-select').selectOption(MODEL_ID);
    await expect.poll(() => page.getByTestId('hw-mode-detected').isEnabled()).toBe(true);
    await chooseGpu(page, GPU, 2);
    await page.getByTestId('mode-train').check();
    await page.getByTestId('train-method').selectOption('full');
    await page.getByTestId('train-zero').selectOption('3');
    await page.getByTestId('train-offload').selectOption('optimizer');
    const truth = await truthFor(handlers, { ...defaultTrainingSettings('full'), zero: 3, offload: 'optimizer', gpus: 2 }, 2);
    await expect.poll(() => page.getByTestId('train-verdict').getAttribute('data-total-bytes')).toBe(String(truth.bytes.total));
    expect(await verdictOf(page)).toBe(truth.verdict);
    expect(await page.getByTestId('train-gpus').innerText()).toContain('2');
    expect(await page.getByTestId('train-result').locator('svg.bar').count()).toBe(2);
    // ZeRO-3 over two GPUs holds less per GPU than the unsharded run.
    const single = await truthFor(handlers, { ...defaultTrainingSettings('full'), gpus: 2 }, 2);
    expect(truth.bytes.total).toBeLessThan(single.bytes.total);
  });
});
