// MLX options in Compare, driven through the UI: an 8B model on an M4 Max with the mlx runtime. The
// disclosure sets --kv-bits / --max-kv-size / --prefill-step-size / --prompt-cache-bytes; the 4-bit
// column's total is core's for the same settings, and the options survive a restart (the workspace).

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advise } from '../../src/core/advice';
import { planningHardwareForChoice } from '../../src/core/advice/choice';
import { getModel } from '../../src/core/catalog';
import { defaultSettings } from '../../src/core/estimate/settings';
import type { MlxOptions } from '../../src/core/estimate/types';
import { formatGiB } from '../../src/core/units';
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

const MODEL_ID = 'llama-3.1-8b-instruct';
const GPU = 'apple-m4-max-128gb';

/** Core's total for the 4-bit MLX column with these options, as Compare formats it. */
async function coreTotal(handlers: Awaited<ReturnType<typeof testHandlers>>['handlers'], mlx: MlxOptions | undefined): Promise<string> {
  const detected = await handlers['hardware:detect']({ refresh: false });
  const { hw } = planningHardwareForChoice({
    mode: 'custom',
    gpus: [{ catalogId: GPU, vramGiB: 0, count: 1 }],
    ramGiB: 0,
    machineRamBytes: detected.ram.totalBytes,
  });
  const spec = getModel(MODEL_ID)!.spec;
  const settings = { ...defaultSettings('mlx'), context: 8192, quant: 'mlx-4bit', ...(mlx ? { mlx } : {}) };
  return formatGiB(advise({ spec }, settings, hw).estimate.totalBytes);
}

describe('MLX options', () => {
  it('sets mlx_lm options behind a disclosure, with core figures, and keeps them across a restart', async () => {
    const { handlers } = await testHandlers();
    const { page, consoleErrors } = await openApp(browser, handlers, { viewport: { width: 1024, height: 760 } });
    await page.getByTestId('nav-compare').click();
    await page.getByTestId('model-select').selectOption(MODEL_ID);
    await expect.poll(() => page.getByTestId('hw-mode-detected').isEnabled()).toBe(true);
    await chooseGpu(page, GPU, 1);
    expect(await page.getByTestId('mlx-options').count()).toBe(0);
    await page.getByTestId('runtime-select').selectOption('mlx');

    // Closed by default: Compare looks as it does for other runtimes until the user opens it.
    expect(await page.getByTestId('mlx-options').getAttribute('open')).toBeNull();
    await expect.poll(async () => page.getByTestId('col-4-total').innerText()).toBe(await coreTotal(handlers, undefined));
    await page.getByTestId('mlx-options-toggle').click();
    expect(await page.getByTestId('mlx-kv-group').isDisabled()).toBe(true);
    await page.getByTestId('mlx-kv-bits').selectOption('4');
    await page.getByTestId('mlx-kv-group').selectOption('32');
    await page.getByTestId('mlx-kv-start').fill('0');
    await page.getByTestId('mlx-prefill').fill('512');
    await page.getByTestId('mlx-prompt-cache').fill('2');
    const quantised: MlxOptions = { kvBits: 4, kvGroupSize: 32, quantizedKvStart: 0, prefillStepSize: 512, promptCacheBytes: 2 * 2 ** 30 };
    await expect.poll(async () => page.getByTestId('col-4-total').innerText()).toBe(await coreTotal(handlers, quantised));
    await screenshot(page, 'compare-mlx-options');

    // A rotating cache instead: mlx_lm cannot quantise it, and the screen says so.
    await page.getByTestId('mlx-max-kv').fill('4096');
    await expect.poll(() => page.getByTestId('mlx-options').innerText()).toContain('cannot quantise a rotating cache');
    await page.getByTestId('mlx-kv-bits').selectOption('');
    const rotating: MlxOptions = { maxKvSize: 4096, prefillStepSize: 512, promptCacheBytes: 2 * 2 ** 30 };
    await expect.poll(async () => page.getByTestId('col-4-total').innerText()).toBe(await coreTotal(handlers, rotating));

    // The workspace is saved 300 ms after the last change; a reload restores the options.
    await expect
      .poll(async () => (await handlers['workspace:get']()).workspace?.['settings'])
      .toMatchObject({ runtime: 'mlx', mlx: rotating });
    await page.reload();
    await page.getByTestId('nav-compare').click();
    await page.getByTestId('mlx-options-toggle').click();
    expect(await page.getByTestId('mlx-max-kv').inputValue()).toBe('4096');
    expect(await page.getByTestId('mlx-prefill').inputValue()).toBe('512');
    expect(await page.getByTestId('mlx-prompt-cache').inputValue()).toBe('2');
    expect(await page.getByTestId('mlx-kv-bits').inputValue()).toBe('');
    expect(consoleErrors).toEqual([]);
  });
});
