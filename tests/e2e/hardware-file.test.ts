// A server you cannot sit at: its `detect --json` (here: the real detection over a stand-in 8 × H100
// nvidia-smi) imported in the app as a profile, planned at once; profile delete undo and replace-asks.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp } from './support/browser';
import { testHandlers } from './support/handlers';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const NO_GPU_LSPCI = { file: 'lspci/no-gpu-D-vnn.txt' } as const;

describe('hardware file import', () => {
  it('imports a detect --json from an 8 × H100 server as a profile, names that machine, and plans on it', async () => {
    const server = await testHandlers({}, { tools: { 'nvidia-smi': { file: 'nvidia-smi/8gpu-h100-sxm.csv' }, lspci: NO_GPU_LSPCI } });
    const detectJson = JSON.stringify(await server.handlers['hardware:detect']({ refresh: true }), null, 2);
    expect(JSON.parse(detectJson).gpus).toHaveLength(8);

    const { handlers, cleanup } = await testHandlers({}, { tools: { lspci: NO_GPU_LSPCI } });
    const { page, consoleErrors } = await openApp(browser, handlers);
    await page
      .getByTestId('hardware-file-input')
      .setInputFiles({ name: 'not-json.json', mimeType: 'application/json', buffer: Buffer.from('{oops') });
    await expect
      .poll(() => page.getByTestId('hardware-file-status').innerText())
      .toMatch(/Could not import not-json\.json: It is not JSON/);

    await page
      .getByTestId('hardware-file-input')
      .setInputFiles({ name: 'server.json', mimeType: 'application/json', buffer: Buffer.from(detectJson) });
    await expect.poll(() => page.getByTestId('hardware-file-status').innerText()).toContain('Imported server.json as the profile "server"');
    const saved = page.locator('[data-testid="saved-profile"][data-name="server"]');
    await expect.poll(() => saved.innerText()).toMatch(/8 × .*H100/);
    expect(await saved.getByTestId('saved-profile-origin').innerText()).toMatch(/From server\.json, detected \d{4}-\d\d-\d\d/);
    expect(await page.getByTestId('profile-in-use').innerText()).toContain('server');

    await page.getByTestId('nav-compare').click();
    const line = page.getByTestId('planning-line');
    await expect.poll(() => line.getAttribute('data-hardware')).toMatch(/8 × .*H100/);
    expect(await page.getByTestId('col-16-verdict').innerText()).toMatch(/Fits/);

    // The same file again does not overwrite the first import.
    await page.getByTestId('nav-hardware').click();
    await page
      .getByTestId('hardware-file-input')
      .setInputFiles({ name: 'server.json', mimeType: 'application/json', buffer: Buffer.from(detectJson) });
    await expect.poll(() => page.locator('[data-testid="saved-profile"][data-name="server (2)"]').count()).toBe(1);
    expect(consoleErrors).toEqual([]);
    await cleanup();
  });

  it('undoes a deleted profile, and asks before saving over another profile of the same name', async () => {
    const { handlers, cleanup } = await testHandlers({}, { tools: { lspci: NO_GPU_LSPCI } });
    const { page } = await openApp(browser, handlers);
    await page.getByTestId('profile-vram-input').fill('24');
    await page.getByTestId('profile-add-vram').click();
    await page.getByTestId('profile-name').fill('Box');
    await page.getByTestId('profile-save').click();
    const box = page.locator('[data-testid="saved-profile"][data-name="Box"], [data-testid="saved-profile"][data-name="box"]');
    await expect.poll(() => box.count()).toBe(1);

    // Saving the same profile again under its own name does not ask.
    await page.getByTestId('profile-save').click();
    await expect.poll(() => page.getByTestId('profile-saved-msg').innerText()).toContain('Saved "Box"');
    expect(await page.getByTestId('profile-replace-ask').count()).toBe(0);

    // A new draft (after a reload) under a taken name asks first; Cancel keeps the old profile.
    await page.reload();
    await page.getByTestId('profile-vram-input').fill('48');
    await page.getByTestId('profile-add-vram').click();
    await page.getByTestId('profile-name').fill('box');
    await page.getByTestId('profile-save').click();
    await expect.poll(() => page.getByTestId('profile-replace-ask').innerText()).toContain('"box" already exists');
    await page.getByTestId('profile-replace-no').click();
    await expect.poll(() => box.innerText()).toContain('24');
    await page.getByTestId('profile-save').click();
    await page.getByTestId('profile-replace-yes').click();
    await expect.poll(() => page.locator('[data-testid="saved-profile"][data-name="box"]').innerText()).toContain('48');

    await box.getByTestId('saved-profile-delete').click();
    await expect.poll(() => box.count()).toBe(0);
    await page.getByTestId('profile-undo-delete').click();
    await expect.poll(() => box.count()).toBe(1);
    await cleanup();
  });
});
