// Library import and plan export driven through the UI, with the real handlers and scripted dialogs.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/core/plan/types';
import type { PageSize, PlanLocale } from '../../src/shared/ipc-contract';
import { formatParameterCount } from '../../src/core/units';
import { printPlanPdf } from '../fixtures/plan/chromium-pdf';
import { syntheticTotals, writeSyntheticGguf, type SyntheticModel } from '../support/gguf-writer';
import { launchBrowser, openApp, screenshot } from './support/browser';
import { chooseGpu } from './support/planner';
import { testHandlers } from './support/handlers';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const MODEL: SyntheticModel = {
  architecture: 'llama',
  name: 'Tiny Test Llama',
  layers: 4,
  hidden: 256,
  ff: 512,
  heads: 4,
  kvHeads: 2,
  vocab: 512,
  fileType: 'Q4_K_M',
};

async function openLibrary(page: Page): Promise<void> {
  await page.getByTestId('nav-library').click();
  await page.getByTestId('library-results').waitFor();
}

describe('library import', () => {
  it('imports a GGUF picked in the dialog, refuses a file that is not one, and compares the import', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vp-lib-'));
    const gguf = join(dir, 'tiny-Q4_K_M.gguf');
    await writeSyntheticGguf(gguf, MODEL);
    const notGguf = join(dir, 'notes.gguf');
    await writeFile(notGguf, 'this is not a model');

    const { handlers, dialogs } = await testHandlers();
    const { page, consoleErrors } = await openApp(browser, handlers);
    await openLibrary(page);

    dialogs.modelFile = notGguf;
    await page.getByTestId('import-gguf').click();
    const status = page.getByTestId('import-status');
    await expect.poll(() => status.innerText()).toMatch(/Could not import: .*GGUF/);

    dialogs.modelFile = gguf;
    await page.getByTestId('import-gguf').click();
    const totals = syntheticTotals(MODEL);
    await expect.poll(() => status.innerText()).toContain(`${formatParameterCount(totals.parameters)} parameters, 4 layers`);
    // The basis is shown in the catalog's words, like the plan says it.
    expect(await status.innerText()).toContain('(GGUF file header)');

    // Cancelling the dialog keeps what was imported.
    dialogs.modelFile = null;
    await page.getByTestId('import-gguf').click();
    await page.getByTestId('imported-compare').click();
    await page.getByTestId('col-4-total').waitFor();
    expect(await page.getByTestId('model-select').inputValue()).toBe('');
    expect(await page.locator('.imported').innerText()).toContain('Tiny Test Llama');
    expect(consoleErrors).toEqual([]);
  });

  it('builds a generic model from "70B" and rejects an absurd count with a sentence', async () => {
    const { handlers } = await testHandlers();
    const { page } = await openApp(browser, handlers);
    await openLibrary(page);
    await page.getByTestId('params-input').fill('-5B');
    await page.getByTestId('params-use').click();
    await expect.poll(() => page.getByTestId('import-status').innerText()).toMatch(/negative/);
    await page.getByTestId('params-input').fill('70B');
    await page.getByTestId('params-use').click();
    await expect.poll(() => page.getByTestId('import-status').innerText()).toMatch(/Custom 70\.0B model: \d+\.\dB parameters/);
  });

  it('lists models found in an LM Studio folder under "On this computer"', async () => {
    const home = await mkdtemp(join(tmpdir(), 'vp-home-'));
    const folder = join(home, '.lmstudio', 'models', 'test-org', 'tiny-GGUF');
    await mkdir(folder, { recursive: true });
    await writeSyntheticGguf(join(folder, 'tiny-Q4_K_M.gguf'), MODEL);
    const { handlers } = await testHandlers({}, { home });
    const { page } = await openApp(browser, handlers);
    await openLibrary(page);
    await page.getByTestId('local-scan').click();
    const table = page.getByTestId('local-models');
    await table.waitFor();
    expect(await table.innerText()).toContain('lmstudio');
    await table.getByRole('button').first().click();
    await expect.poll(() => page.getByTestId('import-status').innerText()).toContain('4 layers');
    await screenshot(page, 'library-import');
  });
});

describe('plan export', () => {
  it('saves Markdown and PDF that carry the same numbers as the compare view', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vp-plan-'));
    let pdfPage: Page | null = null;
    // The same print view Electron's printToPDF prints, in Chromium.
    const renderPdf = async (plan: Plan, opts: { locale: PlanLocale; pageSize: PageSize }) => {
      pdfPage ??= (await openApp(browser, handlers, { page: 'print.html' })).page;
      return printPlanPdf(pdfPage, plan, opts);
    };
    const { handlers, dialogs, clipboard } = await testHandlers({}, { renderPdf });
    const { page, consoleErrors } = await openApp(browser, handlers);

    await page.getByTestId('nav-compare').click();
    await expect.poll(() => page.getByTestId('hw-mode-detected').isEnabled()).toBe(true);
    await page.getByTestId('model-select').selectOption('llama-3.1-70b-instruct');
    await chooseGpu(page, 'l4', 2);
    await page.getByTestId('ctx-preset-8192').click();
    const total = await page.getByTestId('col-4-total').innerText();
    const verdict = await page.getByTestId('col-4-verdict').getAttribute('data-verdict');
    const seed = (await page.getByTestId('col-4-seed').innerText()).split(' ')[0]!;

    await page.getByTestId('nav-plan').click();
    expect(await page.getByTestId('plan-summary').locator('strong').getAttribute('data-verdict')).toBe(verdict);
    const preview = await page.getByTestId('plan-preview').innerText();
    expect(preview).toContain(total);

    dialogs.save = join(dir, 'plan.md');
    await page.getByTestId('export-md').click();
    await expect.poll(() => page.getByTestId('export-status').innerText()).toContain('plan.md');
    const md = await readFile(join(dir, 'plan.md'), 'utf8');
    expect(md).toContain(total);
    expect(md).toContain(seed);

    dialogs.save = join(dir, 'plan.pdf');
    await page.getByTestId('export-pdf').click();
    await expect.poll(() => page.getByTestId('export-status').innerText(), { timeout: 20_000 }).toContain('plan.pdf');
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'plan.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain(total);
    expect(text).toContain(seed);

    await page.getByTestId('export-copy').click();
    await expect.poll(() => clipboard.length).toBe(1);
    expect(clipboard[0]).toBe(md);

    // Cancelling the save dialog writes nothing and says nothing went wrong.
    dialogs.save = null;
    await page.getByTestId('export-md').click();
    await expect.poll(() => page.getByTestId('export-status').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });
});
