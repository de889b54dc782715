// The plan print view: main (Electron printToPDF) and the browser test (page.pdf) call
// window.__renderPlan(plan, opts), wait for it, then print. Fonts ship with the app so Japanese renders
// the same on a machine without any CJK font.

import '@fontsource/noto-sans-jp/japanese-400.css';
import '@fontsource/noto-sans-jp/japanese-700.css';
import '@fontsource/noto-sans-jp/latin-400.css';
import '@fontsource/noto-sans-jp/latin-700.css';
import './print.css';
import { flushSync, mount, unmount } from 'svelte';
import { deviceChart } from '$core/plan/chart';
import { planDocument } from '$core/plan/document';
import type { Plan, PlanRenderOptions } from '$core/plan/types';
import PrintView from './PrintView.svelte';

const FONT = '"Noto Sans JP"';
// Glyphs from both bundled subsets, so both files are fetched before the page is printed.
const SAMPLE = 'Aa1 計画あア';

let current: ReturnType<typeof mount> | null = null;

function checkOptions(opts: PlanRenderOptions): PlanRenderOptions {
  const locale = opts?.locale === 'ja' ? 'ja' : 'en';
  const pageSize = opts?.pageSize === 'Letter' ? 'Letter' : 'A4';
  return { locale, pageSize };
}

function fetchFonts(): Promise<unknown> {
  return Promise.all([document.fonts.load(`400 16px ${FONT}`, SAMPLE), document.fonts.load(`700 16px ${FONT}`, SAMPLE)]);
}

// Start fetching the faces as soon as the page loads, while the caller is still preparing the plan.
const early = fetchFonts().catch(() => undefined);

async function loadFonts(): Promise<void> {
  await early;
  await fetchFonts();
  await document.fonts.ready;
  if (!document.fonts.check(`400 16px ${FONT}`, SAMPLE) || !document.fonts.check(`700 16px ${FONT}`, SAMPLE)) {
    throw new Error('The bundled Noto Sans JP font did not load, so the PDF would not show Japanese text correctly.');
  }
}

async function renderPlan(plan: Plan, options: PlanRenderOptions): Promise<void> {
  if (!plan || typeof plan !== 'object' || !Array.isArray(plan.devices)) throw new Error('The print view needs a plan to render.');
  const opts = checkOptions(options);
  const target = document.getElementById('print');
  if (!target) throw new Error('print.html lacks #print');
  const style = document.getElementById('page-size');
  if (style) style.textContent = `@page { size: ${opts.pageSize}; margin: 14mm 12mm 16mm; }`;
  document.documentElement.lang = opts.locale;
  document.documentElement.dataset['page'] = opts.pageSize;

  if (current) await unmount(current);
  current = mount(PrintView, {
    target,
    props: {
      doc: planDocument(plan, opts.locale),
      charts: deviceChart(plan),
      verdict: plan.training?.estimate.verdict ?? plan.verdict,
      pageSize: opts.pageSize,
    },
  });
  flushSync();
  await loadFonts();
  // One frame so layout uses the loaded faces before the caller prints.
  await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
}

window.__renderPlan = renderPlan;
window.__printReady = true;
