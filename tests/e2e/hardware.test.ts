import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { getGpu } from '../../src/core/hardware/gpu-catalog';
import type { Hardware } from '../../src/core/hardware/types';
import { hardwareJa } from '../../src/core/i18n/hardware-ja';
import { formatGiB } from '../../src/core/units';
import { PROFILES_FILE } from '../../src/main/services/profiles';
import { launchBrowser, openApp, screenshot } from './support/browser';
import { chooseGpu } from './support/planner';
import { testHandlers } from './support/handlers';

const SMALL = { width: 1024, height: 700 };
const NO_GPU_LSPCI = { file: 'lspci/no-gpu-D-vnn.txt' };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('hardware panel', () => {
  it('shows two simulated A40s as the real detection reports them, and Compare plans on them', async () => {
    const { handlers, cleanup } = await testHandlers(
      {},
      { tools: { 'nvidia-smi': { file: 'nvidia-smi/2gpu-a40.csv' }, lspci: NO_GPU_LSPCI } },
    );
    // The truth is what the real detection code returns for the same stand-in tools.
    const truth = await handlers['hardware:detect']({ refresh: false });
    expect(truth.gpus).toHaveLength(2);

    const { page, consoleErrors, externalRequests } = await openApp(browser, handlers, { viewport: SMALL });
    const cards = page.getByTestId('hw-gpu-card');
    await expect.poll(() => cards.count()).toBe(2);
    for (let i = 0; i < 2; i += 1) {
      const gpu = truth.gpus[i]!;
      const card = cards.nth(i);
      expect(await card.getByTestId('hw-gpu-name').innerText()).toContain('A40');
      expect(await card.getByTestId('hw-gpu-total').innerText()).toContain(formatGiB(gpu.vramTotalBytes));
      expect(await card.getByTestId('hw-gpu-usage').innerText()).toContain(formatGiB(gpu.vramFreeBytes!));
      expect(await card.getByTestId('hw-gpu-source').getAttribute('data-source')).toBe('nvidia-smi');
      expect(await card.getByTestId('hw-gpu-source').innerText()).toContain('nvidia-smi');
      expect(await card.getByTestId('hw-gpu-kind').getAttribute('data-kind')).toBe('dedicated');
      expect(await card.getByTestId('hw-gpu-catalog').innerText()).toContain(`${getGpu('a40')!.bandwidthGBps} GB/s`);
      expect(await card.innerText()).toContain(gpu.busId!);
    }
    await expect.poll(() => page.getByTestId('hw-planning-mode').getAttribute('data-mode')).toBe('detected');
    await screenshot(page, 'hardware-panel');

    // "Detect again" asks without the cache and still shows both cards.
    await page.getByTestId('hw-detect-again').click();
    await expect.poll(() => page.getByTestId('hw-detect-again').isEnabled()).toBe(true);
    expect(await cards.count()).toBe(2);

    await page.getByTestId('nav-compare').click();
    await expect.poll(() => page.getByTestId('hw-mode-detected').isChecked()).toBe(true);
    const picker = await page.getByTestId('hardware-picker').innerText();
    expect(picker.match(/A40/g)?.length).toBe(2);

    // Coming back must not override a choice made in Compare since.
    await page.getByTestId('hw-mode-custom').check();
    await page.getByTestId('nav-hardware').click();
    await expect.poll(() => cards.count()).toBe(2);
    await expect.poll(() => page.getByTestId('hw-detect-again').isEnabled()).toBe(true);
    expect(await page.getByTestId('hw-planning-mode').getAttribute('data-mode')).toBe('custom');

    expect(externalRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await cleanup();
  });

  it('still shows the panel, with a note, when a GPU tool hangs', async () => {
    const { handlers, cleanup } = await testHandlers({}, { tools: { 'nvidia-smi': 'hang', lspci: NO_GPU_LSPCI } });
    const started = Date.now();
    const { page, consoleErrors } = await openApp(browser, handlers, { viewport: SMALL });
    await page.getByTestId('hw-detecting').waitFor({ timeout: 3000 });
    const notes = page.getByTestId('hw-notes');
    await notes.waitFor({ timeout: 15_000 });
    const elapsed = Date.now() - started;
    // The stand-in sleeps 60 s; the test handlers give detection a 4 s deadline.
    expect(elapsed).toBeLessThan(12_000);
    expect(await notes.innerText()).toMatch(/nvidia-smi/);
    expect(await page.getByTestId('hw-detecting').count()).toBe(0);
    await page.getByTestId('system-info').waitFor();
    await screenshot(page, 'hardware-panel-hang');
    expect(consoleErrors).toEqual([]);
    await cleanup();
  }, 30_000);

  it('does not override GPUs chosen in Compare while detection was still running', async () => {
    // nvidia-smi hangs until the deadline while rocm-smi answers: GPUs are found, but only after ~4 s.
    const tools = {
      'nvidia-smi': 'hang',
      'rocm-smi': { file: 'rocm-smi/rx7900xtx.json' },
      lspci: { file: 'lspci/rx7900xtx-rebar-vvv.txt' },
    } as const;
    const { handlers, cleanup } = await testHandlers({}, { tools });
    const { page } = await openApp(browser, handlers, { viewport: SMALL });
    await page.getByTestId('hw-detecting').waitFor();
    await page.getByTestId('nav-compare').click();
    await chooseGpu(page, 'l4', 1);
    await expect.poll(() => page.getByTestId('hw-mode-detected').isEnabled(), { timeout: 15_000 }).toBe(true);
    const found = await handlers['hardware:detect']({ refresh: false });
    expect(found.gpus.length).toBeGreaterThan(0);
    expect(await page.getByTestId('hw-mode-custom').isChecked()).toBe(true);
    expect(await page.getByTestId('custom-gpu-0-model').inputValue()).toBe('l4');
    await cleanup();
  }, 30_000);

  it('saves a "2 × L4" profile that survives a reload and plans Compare on it', async () => {
    const first = await testHandlers();
    const { page } = await openApp(browser, first.handlers, { viewport: SMALL });
    await page.getByTestId('hw-gpu-card').first().waitFor();

    // A validation error from main is shown and nothing typed is lost.
    await page.getByTestId('profile-search').fill('L4');
    await page.getByTestId('profile-catalog-select').selectOption('l4');
    await page.getByTestId('profile-add-catalog').click();
    await page.getByTestId('profile-row-0-x2').click();
    await page.getByTestId('profile-ram').fill('128');
    await page.getByTestId('profile-save').click();
    await expect.poll(() => page.getByTestId('profile-error').innerText()).toContain('The profile needs a name');
    expect(await page.getByTestId('profile-row-0').getAttribute('data-catalog-id')).toBe('l4');
    expect(await page.getByTestId('profile-row-0-x2').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('profile-total').innerText()).toContain(formatGiB(2 * getGpu('l4')!.memoryBytes));
    await page.getByTestId('profile-save').scrollIntoViewIfNeeded();
    await screenshot(page, 'hardware-profile-editor');

    const name = 'target server: 2 × L4';
    await page.getByTestId('profile-name').fill(name);
    await page.getByTestId('profile-save').click();
    await page.locator(`[data-testid="saved-profile"][data-name="${name}"]`).waitFor();
    expect(await page.getByTestId('profile-error').count()).toBe(0);
    await page.context().close();

    // New handlers over the same folder: the profile comes back from the file, not from memory.
    const second = await testHandlers({}, { dir: first.dir });
    const reopened = await openApp(browser, second.handlers, { viewport: SMALL });
    const p2 = reopened.page;
    const saved = p2.locator(`[data-testid="saved-profile"][data-name="${name}"]`);
    await saved.waitFor();
    expect(await saved.innerText()).toContain(formatGiB(getGpu('l4')!.memoryBytes));
    await p2.getByTestId('hw-gpu-card').first().waitFor();
    await saved.getByTestId('saved-profile-use').click();
    await p2.getByTestId('profile-in-use').waitFor();

    await p2.getByTestId('nav-compare').click();
    await expect.poll(() => p2.getByTestId('hw-mode-custom').isChecked()).toBe(true);
    expect(await p2.getByTestId('custom-gpu-0-model').inputValue()).toBe('l4');
    expect(await p2.getByTestId('custom-gpu-0-count').inputValue()).toBe('2');
    expect(await p2.getByTestId('custom-gpu-1').count()).toBe(0);
    // The plan names the profile the hardware came from.
    await p2.getByTestId('nav-plan').click();
    await expect.poll(() => p2.getByTestId('plan-summary').innerText()).toContain('target server: 2 × L4');
    expect(await p2.getByTestId('plan-preview').innerText()).toContain('target server: 2 × L4');

    // Delete removes it from the list and from the file.
    await p2.getByTestId('nav-hardware').click();
    await saved.getByTestId('saved-profile-delete').click();
    await p2.getByTestId('profiles-empty').waitFor();
    expect((await second.handlers['profiles:list']()).profiles).toEqual([]);
    expect(reopened.consoleErrors).toEqual([]);
    await first.cleanup();
    await second.cleanup();
  }, 30_000);

  it('plans on a GPU given only by its VRAM, after a count the main process rejects', async () => {
    const { handlers, cleanup } = await testHandlers({}, { tools: { lspci: NO_GPU_LSPCI } });
    const { page, consoleErrors } = await openApp(browser, handlers, { viewport: SMALL });
    // Keyboard only: type the size, Tab to the button, Enter.
    await page.getByTestId('profile-vram-input').fill('80');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('profile-add-vram');
    await page.keyboard.press('Enter');
    await page.getByTestId('profile-row-0-name').fill('Rented accelerator');
    await page.getByTestId('profile-row-0-count').fill('0');
    const name = 'rented: 4 × 80 GiB';
    await page.getByTestId('profile-name').fill(name);
    await page.getByTestId('profile-save').click();
    const error = page.getByTestId('profile-error');
    await expect.poll(() => error.innerText()).toContain('The GPU count must be at least 1.');
    expect(await error.innerText()).not.toContain('profiles:save');
    expect(await page.getByTestId('profile-row-0-name').inputValue()).toBe('Rented accelerator');

    await page.getByTestId('profile-row-0-x4').click();
    await page.getByTestId('profile-save').click();
    const saved = page.locator(`[data-testid="saved-profile"][data-name="${name}"]`);
    await saved.waitFor();
    const stored = (await handlers['profiles:list']()).profiles[0]!;
    expect(stored.gpus).toEqual([{ name: 'Rented accelerator', vramBytes: 80 * 2 ** 30, count: 4, kind: 'dedicated' }]);

    // Edit brings it back into the editor after clearing.
    await page.getByTestId('profile-clear').click();
    await saved.getByTestId('saved-profile-edit').click();
    expect(await page.getByTestId('profile-name').inputValue()).toBe(name);
    expect(await page.getByTestId('profile-row-0-vram').inputValue()).toBe('80');

    await saved.getByTestId('saved-profile-use').click();
    await page.getByTestId('nav-compare').click();
    await expect.poll(() => page.getByTestId('hw-mode-custom').isChecked()).toBe(true);
    const row = page.getByTestId('custom-gpu-0');
    expect(await row.locator('input[type="number"]').first().inputValue()).toBe('80');
    expect(await page.getByTestId('custom-gpu-0-count').inputValue()).toBe('4');
    expect(consoleErrors).toEqual([]);
    await cleanup();
  });

  it('marks unknown free memory, an integrated GPU and doubtful figures', async () => {
    const base = await (await testHandlers({}, { tools: { lspci: NO_GPU_LSPCI } })).handlers['hardware:detect']({ refresh: false });
    const hw: Hardware = {
      ...base,
      gpus: [
        {
          id: 'igpu',
          vendor: 'amd',
          name: 'Radeon 610M',
          kind: 'shared',
          vramTotalBytes: 512 * 2 ** 20,
          vramFreeBytes: null,
          vramUsedBytes: null,
          driver: 'amdgpu',
          busId: '0000:0e:00.0',
          pciId: '1002:164e',
          computeCapability: null,
          source: 'sysfs',
          confidence: 'low',
          catalogId: null,
          warnings: ['The 512 MiB carve-out is not the memory the GPU can use.'],
        },
      ],
      notes: ['rocm-smi is not installed.'],
    };
    const { handlers, cleanup } = await testHandlers({ hardware: { detect: async () => hw } });
    const { page, consoleErrors } = await openApp(browser, handlers, { viewport: SMALL });
    const card = page.getByTestId('hw-gpu-card');
    await card.waitFor();
    expect(await card.getByTestId('hw-gpu-usage').innerText()).toBe('free unknown');
    expect(await card.getByTestId('hw-gpu-kind').innerText()).toContain('not counted as VRAM');
    expect(await card.getByTestId('hw-gpu-catalog').innerText()).toContain('no catalog match');
    expect(await card.getByTestId('hw-gpu-warnings').innerText()).toContain('carve-out');
    expect(await card.getByTestId('hw-gpu-source').innerText()).toBe('sysfs, low confidence');
    expect(await page.getByTestId('hw-notes').innerText()).toContain('rocm-smi is not installed.');
    await screenshot(page, 'hardware-panel-igpu');
    expect(consoleErrors).toEqual([]);
    await cleanup();
  });

  it('reports a damaged profiles file and says planning works without a GPU', async () => {
    const base = await (await testHandlers({}, { tools: { lspci: NO_GPU_LSPCI } })).handlers['hardware:detect']({ refresh: false });
    const setup = await testHandlers({ hardware: { detect: async () => ({ ...base, gpus: [] }) } });
    await writeFile(join(setup.dir, PROFILES_FILE), '{ this is not json');
    const { page, consoleErrors } = await openApp(browser, setup.handlers, { viewport: SMALL, colorScheme: 'dark' });
    await page.getByTestId('profiles-problem').waitFor();
    await page.getByTestId('hw-no-gpu').waitFor();
    expect(await page.getByTestId('hw-no-gpu').innerText()).toMatch(/CPU/);
    expect(await page.getByTestId('hw-gpu-card').count()).toBe(0);
    expect(await page.getByTestId('profile-from-detected').isDisabled()).toBe(true);
    // Nothing detected: Compare plans the detected machine as CPU-only, says so where the verdict is and
    // offers to choose a GPU; no column shows a GPU the user never saw or chose.
    await page.getByTestId('nav-compare').click();
    expect(await page.getByTestId('hw-mode-detected').isChecked()).toBe(true);
    await page.getByTestId('no-gpu-notice').waitFor();
    expect(await page.getByTestId('choose-gpu').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('col-4-verdict').getAttribute('data-verdict')).toMatch(/^(cpu|no-fit)$/);
    expect(await page.getByTestId('planning-line').getAttribute('data-hardware')).toBe('CPU only');
    expect(await page.locator('main').innerText()).not.toMatch(/RTX|GeForce|Radeon|\bL4\b/);
    await page.getByTestId('nav-hardware').click();
    await page.getByTestId('hw-no-gpu').waitFor();
    await screenshot(page, 'hardware-panel-nogpu-dark');
    expect(consoleErrors).toEqual([]);
    await setup.cleanup();
  });

  it('translates the panel into Japanese', async () => {
    const { handlers, cleanup } = await testHandlers(
      {},
      { tools: { 'nvidia-smi': { file: 'nvidia-smi/2gpu-a40.csv' }, lspci: NO_GPU_LSPCI } },
    );
    const { page, consoleErrors } = await openApp(browser, handlers, { viewport: SMALL });
    await page.getByTestId('hw-gpu-card').first().waitFor();
    await page.getByTestId('locale-select').selectOption('ja');
    await expect.poll(() => page.locator('#gpus-title').innerText()).toBe(hardwareJa['hardware.gpus.title']);
    expect(await page.locator('#profiles-title').innerText()).toBe(hardwareJa['hardware.profiles.title']);
    expect(await page.getByTestId('hw-gpu-source').first().innerText()).toContain('信頼度');
    await page.getByTestId('profile-from-detected').click();
    expect(await page.getByTestId('profile-row-0-x2').getAttribute('aria-pressed')).toBe('true');
    await screenshot(page, 'hardware-panel-ja');
    expect(consoleErrors).toEqual([]);
    await cleanup();
  });
});
