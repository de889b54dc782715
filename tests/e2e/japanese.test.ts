// Japanese complete: every screen walked in ja, every visible text checked. A text that still holds an
// English sentence (two or more English words in a row) once names and units are taken out fails, so a
// string added in English only is caught here, not by a user.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_CATALOG } from '../../src/core/catalog';
import { GPU_CATALOG } from '../../src/core/hardware/gpu-catalog';
import { QUANT_FORMATS } from '../../src/core/quant/formats';
import { launchBrowser, openApp, screenshot } from './support/browser';
import { testHandlers } from './support/handlers';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Names and units that stay as they are in Japanese text. */
const ALLOWED: string[] = [
  ...MODEL_CATALOG.flatMap((m) => [m.spec.name, m.publisher, m.family, m.hfRepo, m.license]),
  ...GPU_CATALOG.map((g) => g.name),
  ...QUANT_FORMATS.flatMap((q) => [q.id, q.label]),
  'NVIDIA GeForce RTX 4090',
  'VRAM Planner',
  'Flash Attention',
  'llama.cpp GGUF',
  'llama.cpp',
  'vLLM',
  'transformers',
  'Hugging Face',
  'LM Studio',
  'Ollama',
  'config.json',
  'English',
  'Markdown',
  'tok/s',
  'GiB',
  'MiB',
  'GB/s',
  'P × Q/8 × 1.2',
  // LM Studio's own setting names, as its English UI shows them (the plan gives the Japanese beside them).
  'Context Length',
  'GPU Offload',
  'K Cache Quantization Type',
  'V Cache Quantization Type',
  'Flash Attention',
  // NVIDIA's name for the GPU generation number.
  'Compute Capability',
];

/** Texts of every visible text node in the window (option texts included: they are read too). */
async function visibleTexts(page: Page): Promise<string[]> {
  await page.evaluate('globalThis.__name ??= (fn) => fn');
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim();
      if (!el || !text || el.closest('script, style, code, pre, .mono, [translate="no"]')) continue;
      if (el.tagName !== 'OPTION' && !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      out.push(text);
    }
    for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
      for (const a of ['placeholder', 'aria-label', 'title']) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    }
    return out;
  });
}

function untranslated(texts: string[]): string[] {
  const names = [...new Set(ALLOWED)].filter(Boolean).sort((a, b) => b.length - a.length);
  const bad = new Set<string>();
  for (const text of texts) {
    let rest = text;
    for (const n of names) rest = rest.split(n).join(' ');
    // File names, ids and paths are names too.
    rest = rest
      .replace(/\S+\.(json|gguf|md|pdf|csv)\b/g, ' ')
      .replace(/\b[\w-]+\/[\w.-]+\b/g, ' ')
      // A command the user types stays a command.
      .replace(/vram-planner [^」）)]*/g, ' ');
    if (/[A-Za-z]{2,}[,.]?\s+[A-Za-z]{2,}/.test(rest)) bad.add(text.slice(0, 120));
  }
  return [...bad];
}

/** Texts broken about one character per line (a label squeezed into a column too narrow for it). */
async function squeezedTexts(page: Page): Promise<string[]> {
  await page.evaluate('globalThis.__name ??= (fn) => fn');
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim() ?? '';
      const el = n.parentElement;
      if (text.length < 2 || !el || !el.checkVisibility()) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (tops.size >= 2 && tops.size >= text.length * 0.5) out.push(`${text.slice(0, 30)} (${tops.size} lines)`);
    }
    return out;
  });
}

describe('Japanese UI', () => {
  it.each([
    ['a GPU detected', {}],
    ['no GPU detected', { tools: { lspci: { file: 'lspci/no-gpu-D-vnn.txt' } } }],
  ] as const)(
    'has no untranslated sentence and no label broken one character per line on any screen at 1024 px (%s)',
    async (_what, opts) => {
      const { handlers } = await testHandlers({}, opts);
      const { page, consoleErrors } = await openApp(browser, handlers, { locale: 'ja-JP', viewport: { width: 1024, height: 700 } });
      await page.getByTestId('locale-select').selectOption('ja');
      const found: Record<string, string[]> = {};
      const check = async (where: string) => {
        await page.waitForTimeout(400);
        const bad = untranslated(await visibleTexts(page));
        const squeezed = await squeezedTexts(page);
        if (bad.length || squeezed.length) found[where] = [...bad, ...squeezed.map((x) => `squeezed: ${x}`)];
      };
      await page.getByTestId('hw-detected-at').waitFor();
      await check('hardware');
      await page.getByTestId('nav-library').click();
      await page.getByTestId('library-item-qwen3-8b').click();
      await check('library');
      if (!('tools' in opts)) await screenshot(page, 'library-ja-1024');
      await page.getByTestId('nav-compare').click();
      await page.getByTestId('col-4-verdict').waitFor();
      await page.getByTestId('all-quants-toggle').click();
      await check('compare');
      if (!('tools' in opts)) await screenshot(page, 'compare-ja-1024');
      await page.getByTestId('tab-fits').click();
      // Column widths depend on every row: check the finished table, not whichever rows came first.
      await page.locator('[data-testid="fits-table"][data-done="true"]').waitFor({ timeout: 60_000 });
      await check('what fits');
      await page.getByTestId('nav-plan').click();
      await page.getByTestId('plan-preview').waitFor();
      await check('plan');
      expect(found).toEqual({});
      expect(consoleErrors).toEqual([]);
      await page.context().close();
    },
  );
});
