// Every figure on screen belongs to the model and hardware it names, and equals what the CLI and the plan
// say for the same inputs. Runs the built renderer in Chromium over the real handlers.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createEstimateCommand, type EstimateJson } from '../../src/cli/commands/estimate';
import { createPlanCommand } from '../../src/cli/commands/plan';
import type { Plan } from '../../src/core/plan/types';
import { launchBrowser, openApp, screenshot } from './support/browser';
import { testHandlers } from './support/handlers';
import { chooseGpu } from './support/planner';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const GPU_NAMES = /RTX|GeForce|Radeon|\bL4\b|H100|A100|Arc\b/;

/** The real handlers on a machine where no GPU is found (detection itself runs for real). */
async function noGpuHandlers(delayMs = 0) {
  const probe = await testHandlers();
  const base = await probe.handlers['hardware:detect']({ refresh: false });
  await probe.cleanup();
  return testHandlers({
    hardware: {
      detect: async () => {
        if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
        return { ...base, gpus: [] };
      },
    },
  });
}

async function column(page: Page, bits: 16 | 8 | 4) {
  const v = page.getByTestId(`col-${bits}-verdict`);
  await v.waitFor();
  const num = async (name: string) => {
    const x = await v.getAttribute(`data-${name}`);
    return x === null || x === '' ? null : Number(x);
  };
  return {
    verdict: await v.getAttribute('data-verdict'),
    quant: await v.getAttribute('data-quant'),
    totalBytes: await num('total-bytes'),
    shortBytes: await num('short-bytes'),
    gpuLayers: await num('gpu-layers'),
    maxContext: await num('max-context'),
    decode: await num('decode'),
    text: await v.innerText(),
  };
}

describe('a machine with no GPU', () => {
  it('shows "detecting" and no figures until detection answers, then plans CPU-only and says so everywhere', async () => {
    const { handlers, cleanup } = await noGpuHandlers(1500);
    const { page, consoleErrors, externalRequests } = await openApp(browser, handlers, { viewport: { width: 1280, height: 800 } });
    await page.getByTestId('nav-compare').click();
    const line = page.getByTestId('planning-line');
    expect(await line.getAttribute('data-state')).toBe('detecting');
    expect(await page.getByTestId('col-4-verdict').count()).toBe(0);

    await expect.poll(() => line.getAttribute('data-hardware'), { timeout: 10_000 }).toBe('CPU only');
    await page.getByTestId('no-gpu-notice').waitFor();
    const col = await column(page, 4);
    expect(col.verdict).toBe('cpu');
    expect(col.maxContext).toBeGreaterThan(0);
    expect(col.decode).toBeGreaterThan(0);
    expect(col.text).toMatch(/runs from system RAM/);
    expect(col.text).not.toMatch(/layers on GPU|0 of \d+/);
    expect(await page.locator('main').innerText()).not.toMatch(GPU_NAMES);
    await screenshot(page, 'compare-no-gpu');

    // What fits, the Library filter and the Plan all name the same (CPU-only) hardware.
    await page.getByTestId('tab-fits').click();
    expect(await page.getByTestId('fits-planning-line').innerText()).toMatch(/CPU only/);
    expect(await page.locator('main').innerText()).not.toMatch(GPU_NAMES);
    await page.getByTestId('nav-library').click();
    await page.getByTestId('library-fits').check();
    expect(await page.getByTestId('library-planning-line').innerText()).toMatch(/CPU only/);
    expect(await page.locator('main').innerText()).not.toMatch(GPU_NAMES);
    await page.getByTestId('nav-plan').click();
    expect(await page.getByTestId('plan-planning-line').innerText()).toMatch(/CPU only/);
    const md = await page.getByTestId('plan-preview').innerText();
    expect(md).not.toMatch(GPU_NAMES);
    expect(md).not.toContain('nvidia-smi');
    // A CPU-only plan is a plan: the main process accepts it for export.
    await page.getByTestId('export-copy').click();
    await expect.poll(() => page.getByTestId('export-status').getAttribute('class')).toContain('done');

    // "Choose a GPU" leads to the hand-made list, which starts empty: still nothing chosen for the user.
    await page.getByTestId('nav-compare').click();
    await page.getByTestId('choose-gpu').first().click();
    expect(await page.getByTestId('hw-mode-custom').isChecked()).toBe(true);
    expect(await page.getByTestId('custom-gpu-0').count()).toBe(0);
    await chooseGpu(page, 'l4', 2);
    await expect.poll(() => line.getAttribute('data-hardware')).toBe('2 × L4');
    expect(externalRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await cleanup();
  }, 60_000);
});

describe('compare view truths', () => {
  it('keeps the planned model visible while a search hides it', async () => {
    const { handlers, cleanup } = await testHandlers();
    const { page } = await openApp(browser, handlers);
    await page.getByTestId('nav-compare').click();
    await page.getByTestId('model-select').selectOption('llama-3.1-70b-instruct');
    await chooseGpu(page, 'l4', 2);
    await page.getByTestId('model-search').fill('zzzz no such model');
    await page.getByTestId('model-nomatch').waitFor();
    expect(await page.getByTestId('model-select').inputValue()).toBe('llama-3.1-70b-instruct');
    expect(await page.getByTestId('planning-line').getAttribute('data-model')).toBe('llama-3.1-70b-instruct');
    expect(await page.getByTestId('planning-line').innerText()).toMatch(/Llama 3\.1 70B Instruct, Q4_K_M on 2 × L4/);
    await page.getByTestId('model-search').fill('qwen3');
    // Still the 70B in the list (first) and in the results, until the user picks another.
    expect(await page.getByTestId('model-select').inputValue()).toBe('llama-3.1-70b-instruct');
    await cleanup();
  });

  it("vLLM: says how much is short per GPU, offers the runtime's own KV types, no empty pool line", async () => {
    const { handlers, cleanup } = await testHandlers();
    const { page } = await openApp(browser, handlers);
    await page.getByTestId('nav-compare').click();
    await page.getByTestId('model-select').selectOption('llama-3.1-70b-instruct');
    await chooseGpu(page, 'l4', 2);
    await page.getByTestId('ctx-preset-32768').click();
    await page.getByTestId('runtime-select').selectOption('vllm');
    const kv = page.getByTestId('kv-select');
    expect(await kv.inputValue()).toBe('bf16');
    expect(await kv.locator('option').allInnerTexts()).toEqual(['bf16', 'fp8']);
    const col = await column(page, 4);
    expect(col.verdict).toBe('no-fit');
    expect(col.shortBytes).toBeGreaterThan(2 ** 30);
    expect(col.text).toMatch(/needs \d+\.\d\d GiB more per GPU/);
    expect(col.text).not.toContain('0.00 GiB');
    expect(await page.getByTestId('col-4').innerText()).not.toMatch(/KV pool 0\.00 GiB/);
    expect(await page.getByTestId('col-4-decode').innerText()).toMatch(/does not run/);
    await page.getByTestId('runtime-select').selectOption('transformers');
    expect(await kv.inputValue()).toBe('bf16');
    await cleanup();
  });

  it('shows the uncertainty band in GiB around the total, and names the device a speed figure lacks', async () => {
    const { handlers, cleanup } = await testHandlers();
    const { page } = await openApp(browser, handlers);
    await page.getByTestId('nav-compare').click();
    await page.getByTestId('model-select').selectOption('llama-3.1-8b-instruct');
    await page.getByTestId('hw-mode-custom').check();
    await page.getByTestId('add-gpu-select').selectOption('__vram');
    await page.getByTestId('add-gpu').click();
    const band = await page.getByTestId('breakdown-band').innerText();
    const m = /(\d+\.\d\d) GiB to (\d+\.\d\d) GiB/.exec(band);
    expect(m, band).not.toBeNull();
    const total = Number(await page.getByTestId('col-4-verdict').getAttribute('data-total-bytes')) / 2 ** 30;
    expect(Number(m![1])).toBeGreaterThan(total * 0.7);
    expect(Number(m![1])).toBeLessThan(total);
    expect(Number(m![2])).toBeGreaterThan(total);
    expect(Number(m![2])).toBeLessThan(total * 1.3);
    expect(await page.getByTestId('col-4-decode').innerText()).toMatch(/no memory-bandwidth figure for GPU 16 GiB/);
    await cleanup();
  });

  it('applies a remedy with one click, gives what it promised, and undoes it', async () => {
    const { handlers, cleanup } = await testHandlers();
    const { page } = await openApp(browser, handlers, { viewport: { width: 1280, height: 900 } });
    await page.getByTestId('nav-compare').click();
    await page.getByTestId('model-select').selectOption('llama-3.1-70b-instruct');
    await chooseGpu(page, 'l4', 2);
    await page.getByTestId('ctx-preset-32768').click();
    const before = await column(page, 4);
    expect(before.verdict).toBe('offload');
    const first = page.getByTestId('col-4-remedies').locator('li').first();
    const promised = (await first.innerText()).match(/→ (Fits|Tight)/)?.[1];
    expect(promised, await first.innerText()).toBeDefined();
    await page.getByTestId('col-4-apply-0').click();
    await expect.poll(async () => (await column(page, 4)).verdict).toBe(promised!.toLowerCase());
    await page.getByTestId('undo-remedy').click();
    await expect.poll(async () => (await column(page, 4)).verdict).toBe('offload');
    expect((await column(page, 4)).totalBytes).toBe(before.totalBytes);
    await cleanup();
  });
});

describe('parity: compare view, `estimate --json` and the plan give the same numbers', () => {
  const MODELS = ['llama-3.1-8b-instruct', 'qwen3-30b-a3b', 'llama-3.1-70b-instruct'];
  const HARDWARE: Array<{ label: string; gpu: string | null; count: number; cli: string[] }> = [
    { label: 'CPU only', gpu: null, count: 0, cli: ['--cpu-only'] },
    { label: 'GeForce RTX 4090', gpu: 'rtx-4090', count: 1, cli: ['--gpu', 'RTX 4090'] },
    { label: '2 × L4', gpu: 'l4', count: 2, cli: ['--gpu', 'l4x2'] },
  ];
  const RUNTIMES = ['llama.cpp', 'vllm', 'transformers'] as const;
  const CONTEXTS = [8192, 32768] as const;

  it('for 3 models × 3 hardware choices × 3 runtimes × 2 contexts', async () => {
    const { handlers, cleanup } = await testHandlers();
    const detected = await handlers['hardware:detect']({ refresh: false });
    const deps = { detect: async () => null, ramBytes: () => detected.ram.totalBytes };
    const estimate = createEstimateCommand(deps);
    const { page } = await openApp(browser, handlers, { viewport: { width: 1280, height: 800 } });
    await page.getByTestId('nav-compare').click();
    await expect.poll(() => page.getByTestId('hw-mode-detected').isEnabled()).toBe(true);
    let compared = 0;
    for (const hw of HARDWARE) {
      await page.getByTestId('hw-mode-custom').check();
      while ((await page.getByTestId('custom-gpu-0').count()) > 0) await page.getByTestId('custom-gpu-0').getByRole('button').click();
      if (hw.gpu) await chooseGpu(page, hw.gpu, hw.count);
      await expect.poll(() => page.getByTestId('planning-line').getAttribute('data-hardware')).toBe(hw.label);
      for (const model of MODELS) {
        await page.getByTestId('model-select').selectOption(model);
        for (const runtime of RUNTIMES) {
          await page.getByTestId('runtime-select').selectOption(runtime);
          for (const ctx of CONTEXTS) {
            await page.getByTestId(`ctx-preset-${ctx}`).click();
            const args = ['--model', model, '--bits', '4', '--runtime', runtime, '--ctx', String(ctx), ...hw.cli];
            const out: string[] = [];
            await estimate([...args, '--json'], { out: (t) => out.push(t), err: () => undefined });
            const cli = JSON.parse(out.join('\n')) as EstimateJson;
            const where = `${model} / ${hw.label} / ${runtime} / ${ctx}`;
            await expect.poll(async () => (await column(page, 4)).quant, { message: where }).toBe(cli.settings.quant);
            await expect.poll(async () => (await column(page, 4)).totalBytes, { message: where }).toBe(cli.bytes.total);
            const ui = await column(page, 4);
            expect(ui.verdict, where).toBe(cli.verdict);
            expect(ui.gpuLayers, where).toBe(cli.gpuLayers);
            expect(ui.shortBytes, where).toBe(cli.shortBytes);
            expect(ui.maxContext, where).toBe(cli.maxContext);
            expect(ui.decode, where).toBe(cli.speed.decodeTokensPerSecond);

            const planOut: string[] = [];
            const plan = createPlanCommand({
              parseEstimateArgs: (a) => import('../../src/cli/commands/estimate').then((m) => m.parseEstimateArgs(a, deps)),
            });
            await plan([...args, '--format', 'json'], { out: (t) => planOut.push(t), err: () => undefined });
            const p = JSON.parse(planOut.join('\n')) as Plan;
            expect(p.verdict, where).toBe(cli.verdict);
            expect(p.components.total, where).toBe(cli.bytes.total);
            expect(p.maxContext, where).toBe(cli.maxContext);
            expect(p.speed.decodeTokensPerSecond, where).toBe(cli.speed.decodeTokensPerSecond);
            compared++;
          }
        }
      }
      // The app's own plan for the last cell of this hardware: same verdict as its column.
      await page.getByTestId('nav-plan').click();
      const summary = page.getByTestId('plan-summary').locator('strong');
      await page.getByTestId('nav-compare').click();
      const ui = await column(page, 4);
      await page.getByTestId('nav-plan').click();
      expect(await summary.getAttribute('data-verdict')).toBe(ui.verdict);
      await page.getByTestId('nav-compare').click();
    }
    expect(compared).toBe(54);
    await cleanup();
  }, 300_000);
});
