// The Serve view driven through the UI: Llama 3.1 70B on 8 × H100 SXM with vLLM at 64 users. The figures on
// screen are core's capacity() for the same inputs, the charts draw the targets and the knee, the vLLM
// recipe follows the tensor-parallel choice, and the exported plan (Markdown and PDF, EN and JA) carries
// the Capacity section with the same numbers.

import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capacity, DEFAULT_PRICES } from '../../src/core/capacity';
import { getModel } from '../../src/core/catalog';
import { defaultSettings } from '../../src/core/estimate';
import type { Plan } from '../../src/core/plan/types';
import { serveGpu, serveInput } from '../../src/core/workspace/serve-input';
import { DEFAULT_CONTEXT } from '../../src/core/workspace/workspace';
import { defaultServeSettings, type ServeSettings } from '../../src/core/workspace/workspace-serve';
import type { PageSize, PlanLocale } from '../../src/shared/ipc-contract';
import { printPlanPdf } from '../fixtures/plan/chromium-pdf';
import { launchBrowser, openApp, screenshot, SHOTS_DIR } from './support/browser';
import { testHandlers } from './support/handlers';
import { chooseGpu } from './support/planner';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const MODEL_ID = 'llama-3.1-70b-instruct';
const GPU = 'h100-sxm';

/** core's input for what the view shows: Compare's defaults (llama.cpp settings, the 4-bit column) on vLLM. */
function truthInput(settings: ServeSettings) {
  const hw = serveGpu(Array.from({ length: 8 }, () => ({ catalogId: GPU })))!;
  return serveInput({ spec: getModel(MODEL_ID)!.spec }, { ...defaultSettings('llama.cpp'), context: DEFAULT_CONTEXT }, settings, hw, {
    bits: 4,
    quant: null,
  });
}

const truth = (settings: ServeSettings) => capacity({ ...truthInput(settings), layouts: true });

const value = async (page: Page, id: string) => Number(await page.getByTestId(id).getAttribute('data-value'));

/** Picks the model and `count` catalog GPUs in Compare, as a user does, and opens Serve. */
async function planInServe(page: Page, modelId: string, count: number): Promise<void> {
  await page.getByTestId('nav-compare').click();
  await page.getByTestId('model-select').selectOption(modelId);
  await expect.poll(() => page.getByTestId('hw-mode-detected').isEnabled()).toBe(true);
  await chooseGpu(page, GPU, count);
  await page.getByTestId('nav-serve').click();
}

async function pdfText(page: Page, dialogs: { save: string | null }, dir: string, locale: PlanLocale): Promise<string> {
  const file = join(dir, `serve-plan-${locale}.pdf`);
  dialogs.save = file;
  await page.getByTestId('plan-locale').selectOption(locale);
  await page.getByTestId('export-pdf').click();
  await expect.poll(() => page.getByTestId('export-status').innerText(), { timeout: 20_000 }).toContain(`serve-plan-${locale}.pdf`);
  const text = (range: string[] = []) => execFileSync('pdftotext', ['-enc', 'UTF-8', ...range, file, '-'], { encoding: 'utf8' });
  // The page the Capacity section starts on, as a PNG to look at.
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? 0);
  const heading = locale === 'ja' ? 'サービング容量' : 'Serving capacity';
  for (let n = 1; n <= pages; n += 1) {
    if (!text(['-f', String(n), '-l', String(n)]).includes(heading)) continue;
    await mkdir(SHOTS_DIR, { recursive: true });
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      String(n),
      '-l',
      String(n),
      '-singlefile',
      file,
      join(SHOTS_DIR, `serve-plan-pdf-${locale}`),
    ]);
    break;
  }
  return text().replace(/\s+/g, ' ');
}

describe('Serve view', () => {
  it('plans 70B on 8 × H100 with vLLM at 64 users with core’s figures, and exports the Capacity section', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vp-serve-'));
    let pdfPage: Page | null = null;
    const renderPdf = async (plan: Plan, opts: { locale: PlanLocale; pageSize: PageSize }) => {
      pdfPage ??= (await openApp(browser, handlers, { page: 'print.html' })).page;
      return printPlanPdf(pdfPage, plan, opts);
    };
    const { handlers, dialogs } = await testHandlers({}, { renderPdf });
    const { page, consoleErrors } = await openApp(browser, handlers, { viewport: { width: 1024, height: 700 } });
    await planInServe(page, MODEL_ID, 8);
    await page.getByTestId('serve-runtime').selectOption('vllm');
    await page.getByTestId('serve-users').fill('64');
    const want = truth({ ...defaultServeSettings(), users: 64 });
    // Neither TP nor PP pinned: the planner searched layouts and says which one it sized, and why.
    expect(want.layoutChoice.searched).toBe(true);
    const wd = want.deployment;
    await expect.poll(() => value(page, 'serve-max-concurrency')).toBe(want.pool.maxConcurrency);
    expect(await value(page, 'serve-ttft-out')).toBe(want.atLoad.ttftP95Ms);
    expect(await value(page, 'serve-tpot-out')).toBe(want.atLoad.tpotP95Ms);
    expect(await value(page, 'serve-per-user')).toBe(want.atLoad.perUserTokensPerSecond);
    expect(await value(page, 'serve-aggregate')).toBe(want.atLoad.outputTokensPerSecond.value);
    expect(await value(page, 'serve-requests')).toBe(want.atLoad.requestsPerSecond);
    expect(await page.getByTestId('serve-meets').innerText()).toBe(want.atLoad.meetsTargets ? 'met' : 'missed');
    expect(await value(page, 'serve-knee')).toBe(want.kneeUsers);
    expect(await value(page, 'serve-needed')).toBe(want.gpusNeeded);
    // The ranges say what they are: H100s have their own serving band, read from held-out runs.
    expect(want.band).toMatchObject({ source: 'serving', key: 'nvidia-hbm' });
    const range = await page.getByTestId('serve-range').innerText();
    expect(range).toContain(`${want.band.rows} held-out vLLM and SGLang runs on this kind of GPU`);
    expect(range).toContain(`${want.band.firstPriced} blind runs as first priced`);
    expect(range).toContain(`TTFT within ×/÷ ${want.band.ttft.toFixed(2)}`);
    // The intro says what is planned: model, weight format, runtime, GPUs with their layout, and the load.
    expect(await page.getByTestId('serve-intro').innerText()).toContain(
      `Llama 3.1 70B Instruct in AWQ 4-bit with vLLM on 8 × H100 SXM5 80GB (${wd.replicas} replica(s) of TP ${wd.tp} × PP ${wd.pp}, ${wd.nodes} node(s)) at 64 concurrent users:`,
    );
    expect(await page.getByTestId('serve-layout-choice').innerText()).toContain(
      `Layout TP ${wd.tp} × PP ${wd.pp} chosen: of ${String(want.layoutChoice.reason.params['count'])} layouts searched`,
    );
    expect(await page.getByTestId('serve-layout-chosen').innerText()).toContain(`TP ${wd.tp} × PP ${wd.pp}`);
    // Users arrive steadily by default; a fixed-length benchmark's burst is one choice away and prices TTFT higher.
    expect(await page.getByTestId('serve-arrival-hint').innerText()).toContain('Users arrive at independent moments');
    await page.getByTestId('serve-arrival').selectOption('burst');
    const burst = truth({ ...defaultServeSettings(), users: 64, arrival: 'burst' });
    await expect.poll(() => value(page, 'serve-ttft-out')).toBe(burst.atLoad.ttftP95Ms);
    expect(burst.atLoad.ttftP95Ms).toBeGreaterThan(want.atLoad.ttftP95Ms);
    // A burst run of 640 prompts (vllm bench serve --num-prompts): a tenth in the first wave, the rest a pass apart.
    await page.getByTestId('serve-prompts-per-run').fill('640');
    const run = truth({ ...defaultServeSettings(), users: 64, arrival: 'burst', promptsPerRun: 640 });
    await expect.poll(() => value(page, 'serve-ttft-out')).toBe(run.atLoad.ttftP95Ms);
    expect(run.atLoad.ttftMs.value).toBeLessThan(burst.atLoad.ttftMs.value);
    await screenshot(page, 'serve-burst-run-en-light-1024');
    await page.getByTestId('serve-prompts-per-run').fill('0');
    await page.getByTestId('serve-arrival').selectOption('steady');
    await expect.poll(() => value(page, 'serve-ttft-out')).toBe(want.atLoad.ttftP95Ms);

    // Charts: both latency charts draw their target; the knee is marked where core puts it.
    for (const id of ['serve-chart-ttft', 'serve-chart-tpot']) await expect.poll(() => page.getByTestId(`${id}-target`).count()).toBe(1);
    expect(await page.getByTestId('serve-chart-throughput-target').count()).toBe(0);
    if (want.kneeUsers) expect(await page.getByTestId('serve-chart-ttft').innerText()).toContain(`knee: ${want.kneeUsers} users`);

    // The recipe is the plan's searched layout; TP 4 pinned gives two replicas of four GPUs.
    expect(await page.getByTestId('serve-recipe-vllm').innerText()).toContain(`--tensor-parallel-size ${wd.tp}`);
    await page.getByTestId('serve-tp').selectOption('4');
    await expect.poll(() => page.getByTestId('serve-recipe-vllm').innerText()).toContain('--tensor-parallel-size 4');
    const tp4 = truth({ ...defaultServeSettings(), users: 64, tp: 4 });
    await expect.poll(() => value(page, 'serve-aggregate')).toBe(tp4.atLoad.outputTokensPerSecond.value);
    expect(tp4.deployment.replicas).toBe(2);
    await page.getByTestId('serve-tp').selectOption('0');
    await expect.poll(() => value(page, 'serve-max-concurrency')).toBe(want.pool.maxConcurrency);

    // TP 8 pinned on two nodes: one replica spans both (PP 2 joined by Ray), so the head and worker commands appear.
    await page.getByTestId('serve-tp').selectOption('8');
    await page.getByTestId('serve-nodes').fill('2');
    await expect.poll(() => page.getByTestId('serve-recipe-vllm-ray').innerText()).toContain('ray start --head');
    expect(await page.getByTestId('serve-recipe-vllm-ray').innerText()).toContain('--pipeline-parallel-size 2');
    await page.getByTestId('serve-nodes').fill('1');
    await page.getByTestId('serve-tp').selectOption('0');
    // SGLang and llama.cpp get their own launch commands from the same plan.
    await page.getByTestId('serve-runtime').selectOption('sglang');
    const sglang = truth({ ...defaultServeSettings(), users: 64, runtime: 'sglang' });
    await expect.poll(() => page.getByTestId('serve-recipe-sglang').innerText()).toContain(`--tp ${sglang.deployment.tp}`);
    await page.getByTestId('serve-runtime').selectOption('llama.cpp');
    await expect.poll(() => page.getByTestId('serve-recipe-llama-server').innerText()).toMatch(/llama-server -m \S+\.gguf .*-np \d+/);
    await page.getByTestId('serve-runtime').selectOption('vllm');
    await expect.poll(() => value(page, 'serve-max-concurrency')).toBe(want.pool.maxConcurrency);

    await mkdir(SHOTS_DIR, { recursive: true });
    // The last field typed into keeps its focus ring otherwise; the pictures show the view at rest.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await screenshot(page, 'serve-en-light-1024');
    await page.getByTestId('serve-charts').scrollIntoViewIfNeeded();
    await screenshot(page, 'serve-charts-en-light-1024');
    await page.getByTestId('theme-select').selectOption('dark');
    await screenshot(page, 'serve-charts-en-dark-1024');
    await page.getByTestId('locale-select').selectOption('ja');
    await expect.poll(() => page.getByTestId('nav-serve').innerText()).toBe('サービング');
    // Recipe titles are said in Japanese too (the commands stay as typed).
    expect(await page.getByTestId('serve-recipe-vllm').innerText()).toContain('vLLM（vllm serve）');
    await screenshot(page, 'serve-charts-ja-dark-1024');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByTestId('theme-select').selectOption('light');
    await page
      .getByTestId('main-content')
      .evaluate((el) => el.scrollTo(0, 0))
      .catch(() => undefined);
    await page.getByTestId('serve-intro').scrollIntoViewIfNeeded();
    await screenshot(page, 'serve-ja-light-1280');
    await page.getByTestId('serve-cost').scrollIntoViewIfNeeded();
    await screenshot(page, 'serve-cost-ja-light-1280');
    await page.getByTestId('serve-range').scrollIntoViewIfNeeded();
    await screenshot(page, 'serve-range-ja-light-1280');
    await page.getByTestId('locale-select').selectOption('en');
    await page.getByTestId('serve-range').scrollIntoViewIfNeeded();
    await screenshot(page, 'serve-range-en-light-1280');
    await page.getByTestId('serve-intro').scrollIntoViewIfNeeded();
    await screenshot(page, 'serve-en-light-1280');

    // The plan carries the Capacity section with the same figures, in Markdown and PDF, English and Japanese.
    await page.getByTestId('nav-plan').click();
    await page.getByTestId('plan-locale').selectOption('en');
    dialogs.save = join(dir, 'plan.md');
    await page.getByTestId('export-md').click();
    await expect.poll(() => page.getByTestId('export-status').innerText()).toContain('plan.md');
    await page.getByTestId('preview-table-capacity-load').scrollIntoViewIfNeeded();
    await screenshot(page, 'serve-plan-preview-en');
    const md = await readFile(join(dir, 'plan.md'), 'utf8');
    expect(md).toContain('\n## Serving capacity\n');
    expect(md).toContain(
      `Llama 3.1 70B Instruct in AWQ 4-bit served by vLLM on ${wd.replicas} replica(s) of ${wd.gpusPerReplica} × H100 SXM5 80GB`,
    );
    expect(md).toContain(`Layout TP ${wd.tp} × PP ${wd.pp} chosen`);
    expect(md).toContain('Workload: 64 concurrent users');
    expect(md).toContain(`so ${want.pool.maxConcurrency.toLocaleString('en-US')} requests of this length at once`);
    expect(md).toContain(`--tensor-parallel-size ${wd.tp}`);
    expect(md).toContain('kind: LeaderWorkerSet');
    const en = await pdfText(page, dialogs, dir, 'en');
    expect(en).toContain('Serving capacity');
    expect(en).toContain(`--tensor-parallel-size ${wd.tp}`);
    const ja = await pdfText(page, dialogs, dir, 'ja');
    expect(ja).toContain('サービング容量');
    expect(ja).toContain('vLLM（vllm serve）');
    expect(ja).toContain(`--tensor-parallel-size ${wd.tp}`);
    dialogs.save = join(dir, 'plan-ja.md');
    await page.getByTestId('export-md').click();
    await expect.poll(() => page.getByTestId('export-status').innerText()).toContain('plan-ja.md');
    expect(await readFile(join(dir, 'plan-ja.md'), 'utf8')).toContain('\n## サービング容量\n');
    expect(consoleErrors).toEqual([]);
  });

  it('explains a hybrid model’s vLLM pool: Qwen3.6-35B-A3B on one H100 holds more requests than its token count', async () => {
    const hybridId = 'qwen3.6-35b-a3b';
    const { handlers } = await testHandlers();
    const { page, consoleErrors } = await openApp(browser, handlers, { viewport: { width: 1280, height: 800 } });
    await planInServe(page, hybridId, 1);
    await page.getByTestId('serve-runtime').selectOption('vllm');
    await page.getByTestId('serve-users').fill('32');
    const settings = { ...defaultServeSettings(), users: 32 };
    const hw = serveGpu([{ catalogId: GPU }])!;
    const want = capacity({
      ...serveInput({ spec: getModel(hybridId)!.spec }, { ...defaultSettings('llama.cpp'), context: DEFAULT_CONTEXT }, settings, hw, {
        bits: 4,
        quant: null,
      }),
      layouts: true,
    });
    expect(want.pool.basis.key).toBe('capacity.basis.vllmHybrid');
    // The point of the note: one block per state group, so more requests fit than tokens ÷ request length.
    const request = settings.promptTokens + settings.outputTokens;
    expect(want.pool.maxConcurrency).toBeGreaterThan(want.pool.kvPoolTokens / request);
    await expect.poll(() => value(page, 'serve-max-concurrency')).toBe(want.pool.maxConcurrency);
    const note = await page.getByTestId('serve-pool-hybrid').innerText();
    expect(note).toContain(`${String(want.pool.basis.params['groups'])} groups of ${String(want.pool.basis.params['groupSize'])} layers`);
    expect(note).toContain(`blocks of ${Number(want.pool.basis.params['block']).toLocaleString('en-US')} tokens`);
    await mkdir(SHOTS_DIR, { recursive: true });
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.getByTestId('serve-figures').scrollIntoViewIfNeeded();
    await screenshot(page, 'serve-hybrid-en-light-1280');
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.getByTestId('locale-select').selectOption('ja');
    await page.getByTestId('theme-select').selectOption('dark');
    await expect.poll(() => page.getByTestId('serve-pool-hybrid').innerText()).toContain('グループ');
    await page.getByTestId('serve-figures').scrollIntoViewIfNeeded();
    await screenshot(page, 'serve-hybrid-ja-dark-1024');
    // A model of one layer type has no such note.
    await page.getByTestId('nav-compare').click();
    await page.getByTestId('model-select').selectOption(MODEL_ID);
    await page.getByTestId('nav-serve').click();
    await expect.poll(() => page.getByTestId('serve-max-concurrency').count()).toBe(1);
    expect(await page.getByTestId('serve-pool-hybrid').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  it('prices the vLLM release the user picks: 0.11.1–0.16 keep a larger sampler peak out of the pool', async () => {
    const { handlers } = await testHandlers();
    const { page, consoleErrors } = await openApp(browser, handlers, { viewport: { width: 1024, height: 700 } });
    await planInServe(page, MODEL_ID, 8);
    await page.getByTestId('serve-runtime').selectOption('vllm');
    await page.getByTestId('serve-users').fill('64');
    const newest = truth({ ...defaultServeSettings(), users: 64 });
    await expect.poll(() => value(page, 'serve-max-concurrency')).toBe(newest.pool.maxConcurrency);
    expect(await page.getByTestId('serve-vllm-release').inputValue()).toBe('newest');
    await page.getByTestId('serve-vllm-release').selectOption('sorting');
    const sorting = truth({ ...defaultServeSettings(), users: 64, vllmRelease: 'sorting' });
    expect(sorting.pool.kvPoolTokens).toBeLessThan(newest.pool.kvPoolTokens);
    await expect.poll(() => value(page, 'serve-max-concurrency')).toBe(sorting.pool.maxConcurrency);
    expect(await page.getByTestId('serve-pool').innerText()).toContain(sorting.pool.kvPoolTokens.toLocaleString('en-US'));
    // The plan says what the older release changes: the sampler's sort and, at TP > 1 over NVLink, the smaller profile.
    expect(sorting.notes.map((n) => n.key)).toContain('capacity.note.vllmReleaseNvls');
    // Shown with the figures, not folded away with what the planner does not model.
    const notes = page.getByTestId('serve-notes');
    await expect.poll(() => notes.innerText()).toContain('NVLink-switch board');
    expect(await notes.innerText()).toContain('Priced for vLLM 0.16.0');
    expect(await page.locator('details.not-modelled').innerText()).not.toContain('Priced for vLLM');
    await notes.scrollIntoViewIfNeeded();
    await screenshot(page, 'serve-release-older-en-light-1024');
    // The choice is vLLM's alone.
    await page.getByTestId('serve-runtime').selectOption('sglang');
    await expect.poll(() => page.getByTestId('serve-vllm-release').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  it('says in Japanese what an older vLLM release changes, beside the figures (ja-JP, dark, 1280×800)', async () => {
    const { handlers } = await testHandlers();
    const { page, consoleErrors } = await openApp(browser, handlers, {
      locale: 'ja-JP',
      colorScheme: 'dark',
      viewport: { width: 1280, height: 800 },
    });
    await page.getByTestId('locale-select').selectOption('ja');
    await planInServe(page, MODEL_ID, 8);
    await page.getByTestId('serve-runtime').selectOption('vllm');
    await page.getByTestId('serve-vllm-release').selectOption('sorting');
    const notes = page.getByTestId('serve-notes');
    await expect.poll(() => notes.innerText()).toContain('NVLink スイッチ搭載ボード');
    expect(await notes.innerText()).toContain('vLLM 0.16.0 として見積もっています');
    await notes.scrollIntoViewIfNeeded();
    await screenshot(page, 'serve-release-older-ja-dark-1280');
    expect(consoleErrors).toEqual([]);
  });

  it('keeps the serving workload across a restart', async () => {
    const { handlers } = await testHandlers();
    const { page } = await openApp(browser, handlers, { viewport: { width: 1024, height: 700 } });
    await planInServe(page, MODEL_ID, 8);
    await page.getByTestId('serve-runtime').selectOption('sglang');
    await page.getByTestId('serve-users').fill('128');
    await page.getByTestId('serve-tpot').fill('40');
    await expect
      .poll(async () => (await handlers['workspace:get']()).workspace?.['serve'])
      .toMatchObject({ inPlan: true, settings: { runtime: 'sglang', users: 128, tpotP95Ms: 40 } });
    await page.reload();
    await expect.poll(() => page.getByTestId('serve-runtime').inputValue()).toBe('sglang');
    expect(await page.getByTestId('serve-users').inputValue()).toBe('128');
    expect(await page.getByTestId('serve-in-plan').isChecked()).toBe(true);
  });

  it('keeps price edits across a restart, refuses negative and absurd ones with a message, and resets to the built-in table', async () => {
    const { handlers } = await testHandlers();
    const { page, consoleErrors } = await openApp(browser, handlers, { viewport: { width: 1024, height: 700 } });
    await planInServe(page, MODEL_ID, 8);
    await page.getByTestId('serve-users').fill('64');
    const million = () => page.getByTestId('serve-cost-own-million').getAttribute('data-value');
    await expect.poll(million).not.toBe('');
    const builtIn = Number(await million());
    await page.getByTestId('serve-prices').locator('summary').click();

    // Half the purchase price: the own-hardware cost per million tokens follows core's cost for that table.
    await page.getByTestId('serve-price-gpu').fill('15000');
    await page.getByTestId('serve-price-kwh').fill('0.2');
    await page.getByTestId('serve-price-l4-cloud').fill('0.5');
    const edited = { ...DEFAULT_PRICES, electricityUsdPerKwh: 0.2 };
    edited.gpus = { ...DEFAULT_PRICES.gpus, [GPU]: { ...DEFAULT_PRICES.gpus[GPU]!, priceUsd: 15000 } };
    const want = capacity({ ...truthInput({ ...defaultServeSettings(), users: 64 }), prices: edited }).cost.own!.usdPerMillionOutputTokens!;
    await expect.poll(async () => Number(await million())).toBeCloseTo(want, 9);
    expect(Number(await million())).toBeLessThan(builtIn);

    // A negative price and an absurd year count are named in place; the plan keeps the last good value.
    await page.getByTestId('serve-price-gpu').fill('-5');
    await expect
      .poll(() => page.getByTestId('serve-price-gpu-error').innerText())
      .toBe('Enter a number from 0 to 1,000,000. The plan keeps 15,000.');
    await page.getByTestId('serve-price-years').fill('400');
    await expect
      .poll(() => page.getByTestId('serve-price-years-error').innerText())
      .toBe('Enter a number from 0.25 to 30. The plan keeps 4.');
    expect(Number(await million())).toBeCloseTo(want, 9);
    expect(await page.getByTestId('serve-cost').innerText()).not.toMatch(/NaN|Infinity|undefined/);
    await page.getByTestId('serve-prices').scrollIntoViewIfNeeded();
    await screenshot(page, 'serve-prices-refused-en-light-1024');

    await expect
      .poll(async () => (await handlers['workspace:get']()).workspace?.['serve'])
      .toMatchObject({ prices: { electricityUsdPerKwh: 0.2, gpus: { [GPU]: { priceUsd: 15000 }, l4: { cloudUsdPerHour: 0.5 } } } });
    await page.reload();
    await page.getByTestId('serve-prices').locator('summary').click();
    expect(await page.getByTestId('serve-price-gpu').inputValue()).toBe('15000');
    expect(await page.getByTestId('serve-price-kwh').inputValue()).toBe('0.2');
    expect(await page.getByTestId('serve-price-l4-cloud').inputValue()).toBe('0.5');
    expect(await page.getByTestId('serve-prices-edited').innerText()).toContain('3 field(s) edited by you');
    await expect.poll(async () => Number(await million())).toBeCloseTo(want, 9);

    await page.getByTestId('serve-prices-reset').click();
    await expect.poll(async () => Number(await million())).toBeCloseTo(builtIn, 9);
    expect(await page.getByTestId('serve-price-gpu').inputValue()).toBe(String(DEFAULT_PRICES.gpus[GPU]!.priceUsd));
    expect(await page.getByTestId('serve-prices-edited').count()).toBe(0);
    await expect.poll(async () => (await handlers['workspace:get']()).workspace?.['serve']).toMatchObject({ prices: { gpus: {} } });
    expect(consoleErrors).toEqual([]);
  });

  // No GPU detected (the stand-in lspci lists none): Serve offers servers to plan on; picking one plans it
  // with core's figures. Then the stand-in RTX 4090 that nvidia-smi reports is planned as detected.
  for (const [locale, scheme, width, height] of [
    ['en-US', 'light', 1024, 700],
    ['ja-JP', 'dark', 1280, 800],
    ['en-US', 'dark', 1280, 800],
    ['ja-JP', 'light', 1024, 700],
  ] as const) {
    it(`with no GPU (${locale}, ${scheme}, ${width}×${height}) offers stand-in servers and plans the one picked`, async () => {
      const probe = await testHandlers({}, { tools: { lspci: { file: 'lspci/no-gpu-D-vnn.txt' } } });
      const base = await probe.handlers['hardware:detect']({ refresh: false });
      await probe.cleanup();
      const setup = await testHandlers({ hardware: { detect: async () => ({ ...base, gpus: [] }) } });
      const { page, consoleErrors } = await openApp(browser, setup.handlers, { viewport: { width, height }, colorScheme: scheme, locale });
      const tag = `${locale.slice(0, 2)}-${scheme}-${width}`;
      // The app follows its own language setting (not the browser's): choose Japanese as a user does.
      const lang = locale === 'ja-JP' ? 'ja' : 'en';
      await page.getByTestId('locale-select').selectOption(lang);
      // A click before the app has started can be lost: click until Compare is there.
      await expect
        .poll(async () => {
          await page.getByTestId('nav-compare').click();
          return page.getByTestId('model-select').count();
        })
        .toBe(1);
      await page.getByTestId('model-select').selectOption(MODEL_ID);
      await page.getByTestId('nav-serve').click();
      await expect.poll(() => page.getByTestId('serve-no-gpu').count()).toBe(1);
      await screenshot(page, `serve-nogpu-${tag}`);
      await page.getByTestId('serve-plan-on-h100-sxm').click();
      const want = truth(defaultServeSettings());
      await expect.poll(() => value(page, 'serve-max-concurrency')).toBe(want.pool.maxConcurrency);
      expect(await value(page, 'serve-aggregate')).toBe(want.atLoad.outputTokensPerSecond.value);
      expect(await page.getByTestId('serve-intro').innerText()).toContain('8 × H100 SXM5 80GB');
      await screenshot(page, `serve-standin-${tag}`);
      await page.getByTestId('serve-charts').scrollIntoViewIfNeeded();
      await screenshot(page, `serve-standin-charts-${tag}`);
      await page.getByTestId('serve-cost').scrollIntoViewIfNeeded();
      await screenshot(page, `serve-standin-cost-${tag}`);
      const text = await page.locator('#main-content').innerText();
      expect(text).not.toMatch(/NaN|Infinity|undefined|\{[a-z]+\}/);
      expect(consoleErrors).toEqual([]);
      await setup.cleanup();

      // The stand-in nvidia-smi's RTX 4090, detected: Serve plans on it as it is.
      const detected = await testHandlers();
      const app = await openApp(browser, detected.handlers, { viewport: { width, height }, colorScheme: scheme, locale });
      await app.page.getByTestId('locale-select').selectOption(lang);
      await expect
        .poll(async () => {
          await app.page.getByTestId('nav-compare').click();
          return app.page.getByTestId('model-select').count();
        })
        .toBe(1);
      await app.page.getByTestId('model-select').selectOption('qwen3-8b');
      await app.page.getByTestId('nav-serve').click();
      await expect.poll(() => app.page.getByTestId('serve-intro').count()).toBe(1);
      expect(await app.page.getByTestId('serve-intro').innerText()).toContain('1 × ');
      expect(await app.page.getByTestId('serve-intro').innerText()).toContain('RTX 4090');
      await screenshot(app.page, `serve-detected-4090-${tag}`);
      expect(await app.page.locator('#main-content').innerText()).not.toMatch(/NaN|Infinity|undefined|\{[a-z]+\}/);
      expect(app.consoleErrors).toEqual([]);
      await detected.cleanup();
    }, 180_000);
  }
});
