// The workspace and the user's own models survive a restart: the same user-data folder, a new window.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticGguf } from '../support/gguf-writer';
import { tinyLlama } from './support/models';
import { launchBrowser, openApp, screenshot } from './support/browser';
import { testHandlers } from './support/handlers';
import type { Handlers } from '../../src/main/handlers';
import { chooseGpu } from './support/planner';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Waits until the debounced save has written what the page shows. */
async function saved(dir: string, check: (ws: Record<string, unknown>) => boolean): Promise<void> {
  await expect
    .poll(async () => {
      try {
        return check(JSON.parse(await readFile(join(dir, 'workspace.json'), 'utf8')) as Record<string, unknown>);
      } catch {
        return false;
      }
    })
    .toBe(true);
}

async function restart(page: Page, dir: string): Promise<Page> {
  await page.context().close();
  const { handlers } = await testHandlers({}, { dir });
  const { page: next } = await openApp(browser, handlers);
  return next;
}

/** A saved workspace on a slow disk: its read answers 1.5 s late, after the window is live. */
async function slowWorkspace(saved: Record<string, unknown>): Promise<{ handlers: Handlers; delivered: () => boolean }> {
  const dir = await mkdtemp(join(tmpdir(), 'vp-ws-'));
  const { writeFile } = await import('node:fs/promises');
  await writeFile(join(dir, 'workspace.json'), JSON.stringify(saved));
  const { handlers } = await testHandlers({}, { dir });
  let done = false;
  const read = handlers['workspace:get'];
  handlers['workspace:get'] = async () => {
    await new Promise((r) => setTimeout(r, 1500));
    const state = await read();
    done = true;
    return state;
  };
  return { handlers, delivered: () => done };
}

describe('remembered workspace', () => {
  it('keeps model, quant, hardware, context, parallel, KV type, flash attention and section across a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vp-ws-'));
    const { handlers } = await testHandlers({}, { dir });
    const { page } = await openApp(browser, handlers);
    await page.getByTestId('nav-library').click();
    await page.getByTestId('library-search').fill('Qwen3 14B');
    await page.getByTestId('library-item-qwen3-14b').click();
    await page.getByTestId('use-in-compare').click();
    await chooseGpu(page, 'rtx-3090', 2);
    await page.getByTestId('ctx-preset-32768').click();
    await page.getByTestId('parallel-input').fill('2');
    await page.getByTestId('kv-select').selectOption('q8_0');
    await page.getByTestId('fa-toggle').uncheck();
    await page.getByTestId('col-8').locator('button.pick').click();
    // One-glance columns: total, speed and max context stay; the breakdown opens on demand.
    await page.getByTestId('compact-toggle').check();
    expect(await page.getByTestId('col-4-seed').count()).toBe(0);
    expect(await page.getByTestId('col-4-glance-total').innerText()).toMatch(/GiB/);
    await page.getByTestId('col-4-details').click();
    expect(await page.getByTestId('col-4-seed').count()).toBe(1);
    await page.getByTestId('nav-library').click();
    await page.getByTestId('library-item-qwen3-14b').click();
    await page.locator('[data-testid="library-results"][data-done="true"]').waitFor();
    await screenshot(page, 'library-badges');
    await page.getByTestId('nav-compare').click();
    await saved(dir, (ws) => JSON.stringify(ws).includes('"kvTypeK":"q8_0"') && JSON.stringify(ws).includes('"flashAttention":false'));

    const again = await restart(page, dir);
    const line = again.getByTestId('planning-line');
    await expect.poll(() => line.getAttribute('data-model')).toBe('qwen3-14b');
    expect(await line.getAttribute('data-hardware')).toMatch(/2 × .*3090/);
    expect(await again.getByTestId('ctx-input').inputValue()).toBe('32768');
    expect(await again.getByTestId('parallel-input').inputValue()).toBe('2');
    expect(await again.getByTestId('kv-select').inputValue()).toBe('q8_0');
    expect(await again.getByTestId('fa-toggle').isChecked()).toBe(false);
    expect(await again.getByTestId('col-8').locator('button.pick').getAttribute('aria-pressed')).toBe('true');
    expect(await again.getByTestId('section-compare').count()).toBe(1);
    expect(await again.getByTestId('compact-toggle').isChecked()).toBe(true);
    await again.context().close();
  });

  it('a section opened while the workspace loads stays open when the saved one arrives', async () => {
    // A slow disk: the saved workspace (section Library) arrives after the user has opened Check.
    const { handlers, delivered } = await slowWorkspace({ version: 1, section: 'library' });
    const { page, consoleErrors } = await openApp(browser, handlers);
    await page.getByTestId('nav-check').click();
    await expect.poll(delivered, { timeout: 10_000 }).toBe(true);
    // Give the restore its turn, then the user's section must still be the one shown.
    await page.waitForTimeout(300);
    expect(await page.getByTestId('section-check').count()).toBe(1);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('a model picked while the workspace loads is kept; the parts the user did not touch are restored', async () => {
    const last = { version: 1, section: 'library', model: { kind: 'catalog', id: 'qwen3-14b' }, serve: { settings: { users: 96 } } };
    const { handlers, delivered } = await slowWorkspace(last);
    const { page, consoleErrors } = await openApp(browser, handlers);
    await page.getByTestId('nav-compare').click();
    await page.getByTestId('model-select').selectOption('qwen3-8b');
    await expect.poll(delivered, { timeout: 10_000 }).toBe(true);
    await page.waitForTimeout(300);
    expect(await page.getByTestId('section-compare').count()).toBe(1);
    expect(await page.getByTestId('model-select').inputValue()).toBe('qwen3-8b');
    // The Serve inputs were not touched during start-up: the last session's load comes back.
    await page.getByTestId('nav-serve').click();
    await expect.poll(() => page.getByTestId('serve-users').inputValue()).toBe('96');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('a damaged workspace file starts with defaults and says so', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vp-ws-'));
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'workspace.json'), '{"version":1,"settings":');
    const { handlers } = await testHandlers({}, { dir });
    const { page, consoleErrors } = await openApp(browser, handlers);
    await expect.poll(() => page.getByTestId('restore-notice').innerText()).toMatch(/workspace\.corrupt-/);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});

describe("the user's own library", () => {
  it('an imported model appears in My models after a restart and plans like a built-in', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vp-ws-'));
    const gguf = join(dir, 'my-tiny-Q4_K_M.gguf');
    await writeSyntheticGguf(gguf, tinyLlama('My Tiny Llama'));
    const { handlers, dialogs } = await testHandlers({}, { dir });
    const { page } = await openApp(browser, handlers);
    await page.getByTestId('nav-library').click();
    dialogs.modelFile = gguf;
    await page.getByTestId('import-gguf').click();
    await expect.poll(() => page.getByTestId('my-models').innerText()).toContain('My Tiny Llama');
    // Autosave is debounced: close the window only once the import is on disk, as a user's restart would find it.
    await saved(dir, (ws) => JSON.stringify(ws).includes('user-my-tiny-llama-'));

    const again = await restart(page, dir);
    // The workspace reopens the kept import itself.
    await again.getByTestId('nav-compare').click();
    await expect.poll(() => again.getByTestId('planning-line').getAttribute('data-model')).toMatch(/^user-my-tiny-llama-/);
    await again.getByTestId('nav-library').click();
    const mine = again.getByTestId('my-models');
    await expect.poll(() => mine.innerText()).toContain('My Tiny Llama');
    await mine.getByRole('button', { name: /^My Tiny Llama/ }).click();
    await expect.poll(() => again.getByTestId('section-compare').count()).toBe(1);
    await expect.poll(() => again.locator('[data-testid^="col-"]').count()).toBeGreaterThan(0);

    // Removing can be undone.
    await again.getByTestId('nav-library').click();
    await again.getByRole('button', { name: /Remove from my models: My Tiny Llama/ }).click();
    await expect.poll(() => again.getByTestId('my-models-removed').count()).toBe(1);
    await again.getByTestId('my-models-undo').click();
    await expect.poll(() => again.getByTestId('my-models').innerText()).toContain('My Tiny Llama');
    await again.context().close();
  });
});
