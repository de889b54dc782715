// Calibration end to end (issue 18): three stored runs of this machine, 10 % slower than planned. With
// consent off the screen shows the plain figures; turning it on in the Check view's panel makes the
// Compare view show ×0.90 and the plan say where that came from; turning it off or clearing the runs
// brings back exactly the plain figure.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planningHardwareForChoice } from '../../src/core/advice/choice';
import { machineKey, speedDeviceKey } from '../../src/core/calibration/index';
import { createEvidenceStore } from '../../src/main/services/evidence-store';
import { launchBrowser, openApp, screenshot } from './support/browser';
import { testHandlers } from './support/handlers';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const decodeOf = async (page: Page, bits: 16 | 8 | 4): Promise<number> => {
  const v = page.getByTestId(`col-${bits}-verdict`);
  await v.waitFor();
  return Number(await v.getAttribute('data-decode'));
};

describe('calibration from stored runs', () => {
  it('applies the learned ×0.90 only with consent, says so in the plan, and clearing restores the plain figure', async () => {
    const { handlers, dir, cleanup } = await testHandlers();
    // This machine as the app sees it (the stand-in nvidia-smi), keyed as the app keys it.
    const detected = await handlers['hardware:detect']({ refresh: false });
    const hw = planningHardwareForChoice({ mode: 'detected', detected, ramBandwidthGBps: null }).hw;
    const devices = speedDeviceKey(hw.devices.filter((d) => d.kind !== 'shared').map((d) => d.name));
    const store = createEvidenceStore(dir);
    for (const planned of [100, 120, 140])
      await store.add({
        machine: machineKey(hw),
        runtime: 'llama.cpp',
        source: 'llama-bench',
        model: { id: null, name: 'llama 8B Q4_K - Medium' },
        settings: {},
        components: [],
        speed: [{ kind: 'decode', test: 'tg128', devices, plannedTokensPerSecond: planned, measuredTokensPerSecond: planned * 0.9 }],
      });

    const { page, consoleErrors } = await openApp(browser, handlers);
    await page.getByTestId('nav-compare').click();
    const plain = await decodeOf(page, 4);
    expect(plain).toBeGreaterThan(0);

    await page.getByTestId('nav-check').click();
    await expect.poll(() => page.getByTestId('calibration-count').innerText()).toContain('3 runs stored for this machine');
    await page.getByTestId('calibration-consent').check();
    await expect.poll(() => page.getByTestId('calibration-basis').innerText()).toContain('calibrated from 3 runs on this machine');
    await page.getByTestId('calibration-panel').scrollIntoViewIfNeeded();
    await screenshot(page, 'calibration-panel');

    await page.getByTestId('nav-compare').click();
    await expect.poll(() => decodeOf(page, 4)).toBeCloseTo(plain * 0.9, 6);

    await page.getByTestId('nav-plan').click();
    await expect
      .poll(() => page.getByTestId('plan-preview').innerText())
      .toContain('calibrated from runs measured on this machine (3 in all');

    await page.getByTestId('nav-check').click();
    await page.getByTestId('calibration-consent').uncheck();
    await page.getByTestId('nav-compare').click();
    await expect.poll(() => decodeOf(page, 4)).toBe(plain);

    await page.getByTestId('nav-check').click();
    await page.getByTestId('calibration-consent').check();
    await page.getByTestId('calibration-clear').click();
    await page.getByTestId('calibration-clear-yes').click();
    await expect.poll(() => page.getByTestId('calibration-empty').count()).toBe(1);
    await page.getByTestId('nav-compare').click();
    await expect.poll(() => decodeOf(page, 4)).toBe(plain);
    expect(consoleErrors).toEqual([]);
    await cleanup();
  });
});
