import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { advise } from '../../src/core/advice';
import { getModel, MODEL_CATALOG } from '../../src/core/catalog';
import { defaultSettings } from '../../src/core/estimate';
import { planningHardwareForChoice } from '../../src/core/advice/choice';
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

async function pickGpu(page: Page, catalogId: string, count: number): Promise<void> {
  // The simulated machine has a GPU, and planning starts on it once detection ends: pick GPUs by hand.
  await expect.poll(() => page.getByTestId('hw-mode-detected').isEnabled()).toBe(true);
  await chooseGpu(page, catalogId, count);
}

describe('compare view', () => {
  it('answers "can I run Llama-3.1-70B at 4-bit with 32k context on two L4s, and if not what to change"', async () => {
    const { handlers } = await testHandlers();
    const { page, consoleErrors } = await openApp(browser, handlers, { viewport: { width: 1280, height: 900 } });
    await page.getByTestId('nav-compare').click();
    await page.getByTestId('model-search').fill('llama 3.1 70b');
    await page.getByTestId('model-select').selectOption('llama-3.1-70b-instruct');
    await pickGpu(page, 'l4', 2);
    await page.getByTestId('ctx-preset-32768').click();

    // The UI must say what the core says for the same inputs.
    const detected = await handlers['hardware:detect']({ refresh: false });
    const { hw } = planningHardwareForChoice({
      mode: 'custom',
      gpus: [{ catalogId: 'l4', vramGiB: 0, count: 2 }],
      ramGiB: null,
      machineRamBytes: detected.ram.totalBytes,
    });
    const truth = advise(
      { spec: getModel('llama-3.1-70b-instruct')!.spec },
      { ...defaultSettings('llama.cpp'), context: 32768, quant: 'Q4_K_M' },
      hw,
    );
    const verdict = page.getByTestId('col-4-verdict');
    await expect.poll(() => verdict.getAttribute('data-verdict')).toBe(truth.verdict);
    expect(truth.verdict).not.toBe('fits');
    expect(await page.getByTestId('col-4-total').innerText()).toBe(formatGiB(truth.estimate.totalBytes));
    await screenshot(page, 'compare-70b-2xL4');

    // What to change: the first remedy is listed with what it saves; applying shorter context / KV q8_0
    // through the controls changes the verdict the way the remedy promised.
    const remedies = page.getByTestId('col-4-remedies');
    await expect.poll(() => remedies.locator('li').count()).toBeGreaterThan(0);
    const kvRemedy = truth.remedies.find((r) => r.kind === 'kv-q8_0' || r.kind === 'kv-q4_0');
    if (kvRemedy) {
      await page.getByTestId('kv-select').selectOption(kvRemedy.settings.kvTypeK!);
      await expect.poll(() => verdict.getAttribute('data-verdict')).toBe(kvRemedy.resultingVerdict);
    }
    await page.getByTestId('ctx-preset-8192').click();
    await expect.poll(() => verdict.getAttribute('data-verdict')).not.toBe('no-fit');

    // Same question in Japanese.
    await page.getByTestId('locale-select').selectOption('ja');
    await expect.poll(() => page.getByTestId('nav-compare').innerText()).toBe('比較');
    expect(await verdict.innerText()).toMatch(/収まる|ぎりぎり|オフロード|収まらない/);
    await screenshot(page, 'compare-70b-2xL4-ja');
    expect(consoleErrors).toEqual([]);
  });

  it('moves the context slider and recomputes every column at once', async () => {
    const { handlers } = await testHandlers();
    const { page } = await openApp(browser, handlers);
    await page.getByTestId('nav-compare').click();
    await page.getByTestId('model-select').selectOption('llama-3.1-8b-instruct');
    await pickGpu(page, 'rtx-4090', 1);
    const before = await page.getByTestId('col-16-total').innerText();
    await page.getByTestId('ctx-preset-131072').click();
    await expect.poll(() => page.getByTestId('col-16-total').innerText()).not.toBe(before);
    const verdict16 = await page.getByTestId('col-16-verdict').getAttribute('data-verdict');
    expect(verdict16).not.toBe('fits');
    const slider = page.getByTestId('ctx-slider');
    await slider.focus();
    for (let i = 0; i < 200; i += 1) await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.getByTestId('col-16-verdict').getAttribute('data-verdict')).toBe('fits');
  });

  it('expands every finer quantisation and ranks what fits this machine', async () => {
    const { handlers } = await testHandlers();
    const { page } = await openApp(browser, handlers);
    await page.getByTestId('nav-compare').click();
    await page.getByTestId('all-quants-toggle').click();
    await page.getByTestId('quant-row-Q5_K_M').waitFor();
    await page.getByTestId('quant-row-Q6_K').getByRole('button').click();
    await expect.poll(() => page.getByTestId('breakdown').innerText()).toContain('Q6_K');
    await page.getByTestId('tab-fits').click();
    const rows = page.getByTestId('fits-table').locator('tbody tr');
    // The scan runs in slices; on a loaded 2-core machine the first 50 rows can take several seconds.
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(50);
    await page.locator('[data-testid="fits-table"][data-done="true"]').waitFor({ timeout: 60_000 });
    // Every catalog model has a row once the scan is done, ranked by the stated rule.
    expect(await rows.count()).toBe(MODEL_CATALOG.length);
    expect(await page.getByTestId('fits-rule').innerText()).toMatch(/Best quality first/);
    await screenshot(page, 'what-fits');
  });
});
