// Accessibility of the Compare view in Chromium on the built renderer: layout at a small window, names
// of every control (as Chromium's accessibility tree computes them), keyboard use of the context
// slider, term explanations on focus, and text contrast in the light and dark themes.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, screenshot } from './support/browser';
import { testHandlers } from './support/handlers';
import { compareWithGpus } from './support/perf';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const SMALL = { width: 1024, height: 700 };
const CONTROLS =
  'main :is(input, select, textarea, button, summary, a[href], [role="slider"], [role="button"], [role="tab"], [role="checkbox"], [tabindex]:not([tabindex="-1"]))';

async function openCompare(opts: Parameters<typeof openApp>[2] = {}): Promise<{ page: Page; consoleErrors: string[] }> {
  const { handlers } = await testHandlers();
  const opened = await openApp(browser, handlers, { viewport: SMALL, ...opts });
  // A dense model that offloads on 2 × L4: every column shows bars, RAM, remedies.
  await compareWithGpus(opened.page, 'llama-3.1-70b-instruct', 'l4', 2);
  return opened;
}

/** Names Chromium's accessibility tree gives every focusable control under <main>. */
async function controlNames(page: Page): Promise<Array<{ html: string; role: string; name: string }>> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: CONTROLS });
    const out: Array<{ html: string; role: string; name: string }> = [];
    for (const nodeId of nodeIds) {
      const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
      const node = nodes.find((n) => !n.ignored) ?? nodes[0];
      if (!node || node.ignored) continue; // hidden (display: none, inert): not reachable, not named
      const { outerHTML } = await cdp.send('DOM.getOuterHTML', { nodeId });
      out.push({ html: outerHTML.slice(0, 140), role: String(node.role?.value ?? ''), name: String(node.name?.value ?? '').trim() });
    }
    return out;
  } finally {
    await cdp.detach();
  }
}

/**
 * WCAG contrast of every visible text run under <main> against what is painted behind it (ancestor
 * backgrounds composited); returns those under 4.5:1 (3:1 for large text).
 */
async function lowContrastText(page: Page): Promise<string[]> {
  await page.evaluate('globalThis.__name ??= (fn) => fn'); // tsx keepNames shim for evaluated functions
  return page.evaluate(() => {
    type RGBA = [number, number, number, number];
    const parse = (css: string): RGBA | null => {
      let m = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(css);
      if (m) return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
      m = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.]+))?\)$/.exec(css);
      if (m) return [Number(m[1]) * 255, Number(m[2]) * 255, Number(m[3]) * 255, m[4] === undefined ? 1 : Number(m[4])];
      return null;
    };
    const over = (top: RGBA, under: RGBA): RGBA => {
      const a = top[3];
      return [top[0] * a + under[0] * (1 - a), top[1] * a + under[1] * (1 - a), top[2] * a + under[2] * (1 - a), 1];
    };
    const lum = (c: RGBA): number => {
      const ch = (v: number) => {
        const s = v / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * ch(c[0]) + 0.7152 * ch(c[1]) + 0.0722 * ch(c[2]);
    };
    const background = (el: Element): RGBA | null => {
      const layers: RGBA[] = [];
      for (let e: Element | null = el; e; e = e.parentElement) {
        const bg = parse(getComputedStyle(e).backgroundColor);
        if (bg === null) return null; // a colour space we do not composite: skip rather than guess
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] >= 1) break;
      }
      let c: RGBA = [255, 255, 255, 1];
      for (const layer of layers.reverse()) c = over(layer, c);
      return c;
    };
    const bad: string[] = [];
    // The whole window: the sidebar's controls too (a pinned theme over the other OS scheme).
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set<Element>();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || seen.has(el) || !n.textContent?.trim()) continue;
      seen.add(el);
      if (
        el.closest('svg, option, [aria-hidden="true"], :disabled') ||
        !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })
      )
        continue;
      const style = getComputedStyle(el);
      const fg = parse(style.color);
      const bg = background(el);
      if (!fg || !bg) continue;
      const text = over(fg, bg);
      const [hi, lo] = [lum(text), lum(bg)].sort((a, b) => b - a) as [number, number];
      const ratio = (hi + 0.05) / (lo + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5))
        bad.push(`${ratio.toFixed(2)}:1 "${n.textContent.trim().slice(0, 40)}" (${style.color} on ${bg.map(Math.round).join(',')})`);
    }
    return bad;
  });
}

describe('compare view accessibility', () => {
  it('fits a 1024 × 700 window: no horizontal scrolling, three columns side by side', async () => {
    const { page, consoleErrors } = await openCompare();
    const layout = await page.evaluate(() => {
      const main = document.querySelector('main')!;
      const doc = document.documentElement;
      return {
        mainOverflow: main.scrollWidth - main.clientWidth,
        docOverflow: doc.scrollWidth - doc.clientWidth,
        mainRight: main.getBoundingClientRect().right,
      };
    });
    expect(layout.mainOverflow, 'main content scrolls sideways').toBeLessThanOrEqual(0);
    expect(layout.docOverflow, 'page scrolls sideways').toBeLessThanOrEqual(0);
    const boxes = [];
    for (const bits of [16, 8, 4]) {
      const column = page.getByTestId(`col-${bits}`);
      expect(await column.isVisible()).toBe(true);
      const box = (await column.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(layout.mainRight + 0.5);
      expect(box.width, `col-${bits} too narrow to read`).toBeGreaterThan(180);
      // Nothing inside a column spills out of it (long names, numbers).
      const spill = await column.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(spill, `col-${bits} content overflows`).toBeLessThanOrEqual(0);
      boxes.push(box);
    }
    // Side by side, in order, same row.
    expect(boxes[0]!.x).toBeLessThan(boxes[1]!.x);
    expect(boxes[1]!.x).toBeLessThan(boxes[2]!.x);
    expect(Math.abs(boxes[0]!.y - boxes[2]!.y)).toBeLessThan(2);
    await screenshot(page, 'a11y-compare-1024');
    expect(consoleErrors).toEqual([]);
  });

  it('gives every control a name a screen reader can say', async () => {
    const { page } = await openCompare({ viewport: { width: 1280, height: 900 } });
    await page.getByTestId('all-quants-toggle').click();
    await page.getByTestId('all-quants').waitFor();
    const controls = await controlNames(page);
    expect(controls.length).toBeGreaterThan(20);
    // A name must say something: "+" or "✕" alone is read out as a symbol.
    const unnamed = controls.filter((c) => !/[\p{L}\p{N}]/u.test(c.name));
    expect(unnamed, JSON.stringify(unnamed, null, 1)).toEqual([]);

    await page.getByTestId('tab-fits').click();
    await page.getByTestId('fits-table').locator('tbody tr').first().waitFor();
    const fits = await controlNames(page);
    const unnamedFits = fits.filter((c) => !/[\p{L}\p{N}]/u.test(c.name));
    expect(unnamedFits, JSON.stringify(unnamedFits, null, 1)).toEqual([]);
  });

  it('reaches the context slider with Tab and changes the context with the arrow keys', async () => {
    const { page } = await openCompare();
    await page.getByTestId('ctx-preset-8192').click();
    await page.locator('body').focus();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    let reached = false;
    for (let i = 0; i < 150 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'ctx-slider');
    }
    expect(reached, 'Tab never reached the context slider').toBe(true);

    const ctx = page.getByTestId('ctx-input');
    const totals = () => Promise.all([16, 8, 4].map((b) => page.getByTestId(`col-${b}-total`).innerText()));
    const before = { ctx: Number(await ctx.inputValue()), totals: await totals() };
    expect(before.ctx).toBe(8192);
    await page.keyboard.press('ArrowRight'); // one press must do something
    await expect.poll(async () => Number(await ctx.inputValue())).toBeGreaterThan(before.ctx);
    expect(await totals()).not.toEqual(before.totals);
    const up = Number(await ctx.inputValue());
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => Number(await ctx.inputValue())).toBeLessThan(up);
    await page.keyboard.press('End');
    await expect.poll(async () => Number(await ctx.inputValue())).toBe(131072); // Llama 3.1's maximum
    await page.keyboard.press('Home');
    await expect.poll(async () => Number(await ctx.inputValue())).toBe(256);
    // The slider speaks the context in tokens, not its log-scale position.
    expect(await page.getByTestId('ctx-slider').getAttribute('aria-valuetext')).toMatch(/256/);
  });

  it('offers a skip link and reaches the 32K preset in few key presses (one tab stop per group)', async () => {
    const { page } = await openCompare();
    // A fresh load (the workspace reopens Compare) starts keyboard navigation at the top of the page.
    await page.waitForTimeout(600);
    await page.reload();
    await page.getByTestId('col-4-verdict').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#main-content');
    // The skip link goes straight to the content, past the sidebar.
    await page.keyboard.press('Enter');
    let presses = 2;
    const inPresets = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid')?.startsWith('ctx-preset-') ?? false);
    while (!(await inPresets()) && presses < 60) {
      await page.keyboard.press('Tab');
      presses += 1;
    }
    expect(await inPresets(), 'Tab never reached the presets').toBe(true);
    while ((await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) !== 'ctx-preset-32768' && presses < 60) {
      await page.keyboard.press('ArrowRight');
      presses += 1;
    }
    expect(Number(await page.getByTestId('ctx-input').inputValue())).toBe(32768);
    // 26 Tab presses before the skip link and the roving groups (tabs, mode switch, presets: one stop each).
    expect(presses).toBeLessThanOrEqual(20);
  });

  it('shows each term explanation on keyboard focus, inside the window', async () => {
    const { page } = await openCompare();
    const ids = await page.locator('main [aria-describedby]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-describedby')!));
    expect(ids.length).toBeGreaterThan(10);
    const width = SMALL.width;
    const problems: string[] = [];
    for (const id of ids) {
      const tip = page.locator(`[id="${id}"]`);
      expect(await tip.getAttribute('role'), `#${id} is not a tooltip`).toBe('tooltip');
      const term = page.locator(`main [aria-describedby="${id}"]`);
      expect(await tip.isVisible(), `#${id} shows before focus`).toBe(false);
      await term.focus();
      const text = (await tip.innerText()).trim();
      const box = await tip.boundingBox();
      const sideways = await page.evaluate(() => document.querySelector('main')!.scrollWidth - document.querySelector('main')!.clientWidth);
      if (!(await tip.isVisible()) || !box) problems.push(`${id}: not shown on focus`);
      else if (box.x < 0 || box.x + box.width > width)
        problems.push(`${id} ("${text.slice(0, 30)}"): spans x ${Math.round(box.x)}–${Math.round(box.x + box.width)} of ${width}`);
      if (sideways > 0) problems.push(`${id}: showing it makes the content scroll sideways by ${sideways}px`);
      if (text.length < 10) problems.push(`${id}: explanation "${text}" too short`);
      await term.blur();
    }
    expect(problems).toEqual([]);
  });

  it('renders readable text in every section, in both themes, on both OS preferences', async () => {
    const backgrounds: string[] = [];
    for (const [name, opts, pin] of [
      ['light', { colorScheme: 'light' }, null],
      ['dark', { colorScheme: 'dark' }, null],
      ['dark-pinned', { colorScheme: 'light' }, 'dark'],
      ['light-pinned', { colorScheme: 'dark' }, 'light'],
    ] as const) {
      const { page, consoleErrors } = await openCompare(opts);
      if (pin) await page.getByTestId('theme-select').selectOption(pin);
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      backgrounds.push(bg);
      await page.getByTestId('col-4-verdict').waitFor();
      if (name === 'light' || name === 'dark') await screenshot(page, `a11y-compare-${name}`);
      // The finer-quant table too: its chips and links have their own colours.
      await page.getByTestId('all-quants-toggle').click();
      await page.getByTestId('quant-row-Q4_K_M').waitFor();
      expect(await lowContrastText(page), `${name} theme, compare`).toEqual([]);
      await page.getByTestId('tab-fits').click();
      await page.locator('[data-testid^="fits-row-"]').first().waitFor();
      expect(await lowContrastText(page), `${name} theme, what fits`).toEqual([]);
      for (const section of ['library', 'hardware', 'serve', 'plan', 'check'] as const) {
        await page.getByTestId(`nav-${section}`).click();
        await page.getByTestId(`section-${section}`).waitFor();
        await page.waitForTimeout(300);
        expect(await lowContrastText(page), `${name} theme, ${section}`).toEqual([]);
      }
      expect(consoleErrors).toEqual([]);
      await page.context().close();
    }
    expect(backgrounds[0]).not.toBe(backgrounds[1]);
    expect(backgrounds[2]).toBe(backgrounds[1]); // the theme setting pins dark over a light OS
    expect(backgrounds[3]).toBe(backgrounds[0]); // and light over a dark OS
  });
});
