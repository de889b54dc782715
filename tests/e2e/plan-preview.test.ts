// The plan preview is the rendered document (headings, tables), immune to markup in a model name; the
// page size follows the document's language unless chosen; export names carry model, quant and language.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticGguf } from '../support/gguf-writer';
import { tinyLlama } from './support/models';
import { launchBrowser, openApp, screenshot } from './support/browser';
import { testHandlers } from './support/handlers';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const HOSTILE = '<img src=x onerror="window.__pwned=1"> **Bold** | `tick`';

describe('plan preview', () => {
  it('renders the document as headings and tables, with a hostile model name shown as text', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vp-prev-'));
    const gguf = join(dir, 'hostile.gguf');
    await writeSyntheticGguf(gguf, tinyLlama(HOSTILE));
    const { handlers, dialogs } = await testHandlers({}, { dir });
    const { page, consoleErrors } = await openApp(browser, handlers);
    await page.getByTestId('nav-library').click();
    dialogs.modelFile = gguf;
    await page.getByTestId('import-gguf').click();
    await expect.poll(() => page.getByTestId('my-models').innerText()).toContain('**Bold**');
    await page.getByTestId('nav-plan').click();

    const preview = page.getByTestId('plan-preview');
    await preview.waitFor();
    expect(await preview.locator('h2').first().innerText()).toContain(HOSTILE);
    expect(await preview.locator('table').count()).toBeGreaterThan(2);
    expect(await preview.locator('img').count()).toBe(0);
    await screenshot(page, 'plan-preview');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // The Markdown source is still there on demand, escaped.
    await page.getByTestId('plan-source-toggle').click();
    expect(await page.getByTestId('plan-markdown').innerText()).toContain('\\*\\*Bold\\*\\*');

    // Page size follows the document language until the user picks one.
    expect(await page.getByTestId('plan-page-size').inputValue()).toBe('Letter');
    await page.getByTestId('plan-locale').selectOption('ja');
    expect(await page.getByTestId('plan-page-size').inputValue()).toBe('A4');
    await page.getByTestId('plan-page-size').selectOption('Letter');
    await page.getByTestId('plan-locale').selectOption('en');
    await page.getByTestId('plan-locale').selectOption('ja');
    expect(await page.getByTestId('plan-page-size').inputValue()).toBe('Letter');

    // The Markdown export is suggested under a name with model, quant and language, and says its size sensibly.
    let suggested = '';
    handlers['export:markdown'] = async (plan, opts) => {
      const { planFileName } = await import('../../src/main/services/export');
      suggested = planFileName(plan, 'markdown', opts.locale);
      return { fileName: suggested, bytes: 5321 };
    };
    await page.getByTestId('export-md').click();
    await expect.poll(() => page.getByTestId('export-status').innerText()).toMatch(/5\.2 KiB/);
    expect(suggested).toMatch(/^vram-plan-.+-Q4_K_M-ja\.md$/);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
