// A vision model's projector and the files loaded into its process, driven through the UI: Gemma 3 27B on one
// 24 GiB GPU (an RTX 4090 chosen by hand). Its projector, sized from the catalog's vision tower, is a member
// whose bytes and bar segment are core's (visionProjectorMember + summarizeSet); images per request add their
// tokens to the main context; a checkbox leaves it out. Then a synthetic mmproj GGUF and a LoRA GGUF imported
// through main's dialog join the set with the bytes their headers give (tensor sums, and the projector's
// compute buffer by projectorCompute), a wrong file is refused in one sentence, the plan's llama-server
// command carries --mmproj and --lora, and the files survive a reload.

import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planningHardwareForChoice } from '../../src/core/advice/choice';
import { getModel } from '../../src/core/catalog';
import { defaultSettings } from '../../src/core/estimate';
import type { EstimateSettings, ModelInput } from '../../src/core/estimate/types';
import { makeMember, projectorCompute, summarizeSet, visionProjectorMember, type SetMember, type SetSummary } from '../../src/core/multi';
import { quantForBits } from '../../src/core/quant/formats';
import { DEFAULT_CONTEXT } from '../../src/core/workspace/workspace';
import { encodeGgufHeader, f32, str, writeGgufFile, type Kv, type TensorSpec } from '../support/gguf-writer';
import { SIGLIP_PROJECTOR_KV as VISION, tensorBytes as bytesOf } from '../support/projector-gguf';
import { launchBrowser, openApp, screenshot } from './support/browser';
import { testHandlers } from './support/handlers';
import { chooseGpu } from './support/planner';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const MAIN = 'gemma-3-27b-it';
const GPU = 'rtx-4090';

const VISION_TENSORS: TensorSpec[] = [
  { name: 'v.patch_embd.weight', dims: [14, 14, 3, 1152], type: 'F16' },
  { name: 'v.position_embd.weight', dims: [1152, 4096], type: 'F32' },
  { name: 'mm.input_projection.weight', dims: [1152, 5376], type: 'F16' },
  ...[0, 1].flatMap((l): TensorSpec[] => [
    ...['attn_q', 'attn_k', 'attn_v', 'attn_out'].map((n): TensorSpec => ({
      name: `v.blk.${l}.${n}.weight`,
      dims: [1152, 1152],
      type: 'Q8_0',
    })),
    { name: `v.blk.${l}.ffn_up.weight`, dims: [1152, 4304], type: 'Q8_0' },
    { name: `v.blk.${l}.ffn_down.weight`, dims: [4304, 1152], type: 'F16' },
  ]),
];
const LORA_TENSORS: TensorSpec[] = [0, 1].flatMap((l) => [
  { name: `blk.${l}.attn_q.weight.lora_a`, dims: [5376, 16], type: 'F16' },
  { name: `blk.${l}.attn_q.weight.lora_b`, dims: [16, 4096], type: 'F16' },
]);

/** Compare's defaults (llama.cpp, the 4-bit column) for the main model, with `extra` tokens of images. */
function mainSettings(extra = 0): EstimateSettings {
  return { ...defaultSettings('llama.cpp'), context: DEFAULT_CONTEXT + extra, quant: quantForBits(4, 'llama.cpp').id };
}

/** core's set on one RTX 4090: the main model and what loads into its process. */
function truth(ramBytes: number, members: (main: ModelInput, s: EstimateSettings) => SetMember[], extra = 0): SetSummary {
  const hw = planningHardwareForChoice({
    mode: 'custom',
    gpus: [{ catalogId: GPU, vramGiB: 24, count: 1 }],
    ramGiB: null,
    machineRamBytes: ramBytes,
  }).hw;
  const input = { spec: getModel(MAIN)!.spec };
  const s = mainSettings(extra);
  return summarizeSet([makeMember(MAIN, 'main', input, s), ...members(input, mainSettings())], hw, { useFreeMemory: true });
}

const num = async (page: Page, id: string, attr = 'data-value'): Promise<number> => Number(await page.getByTestId(id).getAttribute(attr));

describe('Models on this machine: a vision model, its projector and adapters', () => {
  it('Gemma 3 27B on 24 GiB: projector from its tower, images, imported mmproj and LoRA, plan, reload', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vp-multi-vision-'));
    await writeGgufFile(join(dir, 'mmproj-test.gguf'), encodeGgufHeader(VISION, VISION_TENSORS));
    const loraKvs: Kv[] = [
      ['general.architecture', str('gemma3')],
      ['general.type', str('adapter')],
      ['adapter.type', str('lora')],
      ['adapter.lora.alpha', f32(32)],
    ];
    await writeGgufFile(join(dir, 'adapter.gguf'), encodeGgufHeader(loraKvs, LORA_TENSORS));
    const { handlers, dialogs } = await testHandlers();
    const ram = (await handlers['hardware:detect']({ refresh: false })).ram.totalBytes;
    const { page, consoleErrors } = await openApp(browser, handlers, { viewport: { width: 1280, height: 800 } });
    await page.getByTestId('nav-compare').click();
    await page.getByTestId('model-select').selectOption(MAIN);
    await expect.poll(() => page.getByTestId('hw-mode-detected').isEnabled()).toBe(true);
    await chooseGpu(page, GPU, 1);

    // The tower's projector is a member on its own: two segments on the GPU, bytes and verdict as core's.
    const tower = (input: ModelInput, s: EstimateSettings, images = 1) => [visionProjectorMember(input, s, { images })!.member];
    const alone = truth(ram, tower);
    const bar = page.getByTestId('multi-device-0');
    await expect.poll(() => bar.getAttribute('data-segments')).toBe('2');
    expect(await num(page, 'multi-projector-bytes')).toBe(alone.models[1]!.bytes.total);
    expect(alone.models[1]!.bytes.devices[0]).toBe(alone.models[1]!.bytes.total);
    // Its own type in the quant column (llama.cpp's converter writes the mmproj at f16 by default), not the text model's.
    expect(await page.getByTestId('multi-row-projector').locator('td').nth(2).innerText()).toBe('f16');
    expect(await num(page, 'multi-device-0', 'data-used')).toBe(alone.devices[0]!.usedBytes);
    expect(await page.getByTestId('multi-verdict').getAttribute('data-verdict')).toBe(alone.verdict);

    // Two images per request: Gemma 3 turns each into 256 tokens (mm_tokens_per_image), added to the context.
    await page.getByTestId('multi-images').fill('2');
    await page.getByTestId('multi-images').dispatchEvent('change');
    await expect.poll(() => page.getByTestId('multi-images-added').getAttribute('data-added')).toBe('512');
    const withImages = truth(ram, (i, s) => tower(i, s, 2), 512);
    await expect.poll(() => num(page, 'multi-device-0', 'data-used')).toBe(withImages.devices[0]!.usedBytes);
    await page.getByTestId('multi-panel').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'multi-vision-tower-en');

    // Left out (--no-mmproj): the model is alone again, so there is no set; back in, it returns.
    await page.getByTestId('multi-projector-include').uncheck();
    await expect.poll(() => page.getByTestId('multi-empty').count()).toBe(1);
    await page.getByTestId('multi-projector-include').check();
    await expect.poll(() => bar.getAttribute('data-segments')).toBe('2');

    // A file that is not a projector is refused in one sentence naming it.
    dialogs.modelFile = join(dir, 'adapter.gguf');
    await page.getByTestId('multi-import-mmproj').click();
    await expect
      .poll(() => page.getByTestId('multi-import-file-error').innerText())
      .toBe('Import failed: adapter.gguf: its general.architecture is "gemma3", not "clip", so it is not a projector (mmproj) GGUF.');

    // The imported mmproj replaces the tower's projector; its bytes are its tensors plus build_vit's buffer.
    dialogs.modelFile = join(dir, 'mmproj-test.gguf');
    await page.getByTestId('multi-import-mmproj').click();
    await expect.poll(() => page.getByTestId('multi-file-0').getAttribute('data-role')).toBe('vision-projector');
    expect(await page.getByTestId('multi-row-projector').count()).toBe(0);
    const mmproj = { weightsBytes: bytesOf(VISION_TENSORS), computeBytes: projectorCompute(64 * 64, 1152, 4304, 16, true), basis: '' };
    dialogs.modelFile = join(dir, 'adapter.gguf');
    await page.getByTestId('multi-import-lora').click();
    await expect.poll(() => page.getByTestId('multi-file-1').getAttribute('data-role')).toBe('lora');
    const lora = { weightsBytes: bytesOf(LORA_TENSORS), computeBytes: 0, basis: '' };
    const files = (input: ModelInput, s: EstimateSettings): SetMember[] => [
      { ...makeMember('mmproj-test.gguf', 'vision-projector', input, s), fixed: mmproj },
      { ...makeMember('adapter.gguf', 'lora', input, s), fixed: lora },
    ];
    const want = truth(ram, files, 512);
    await expect.poll(() => num(page, 'multi-file-bytes-1')).toBe(want.models[2]!.bytes.total);
    expect(await num(page, 'multi-file-bytes-0')).toBe(mmproj.weightsBytes + mmproj.computeBytes);
    expect(want.models[1]!.bytes.total).toBe(mmproj.weightsBytes + mmproj.computeBytes);
    expect(want.models[2]!.bytes.total).toBe(lora.weightsBytes);
    expect(await num(page, 'multi-device-0', 'data-used')).toBe(want.devices[0]!.usedBytes);
    expect(await bar.getAttribute('data-segments')).toBe('3');
    await screenshot(page, 'multi-vision-en');

    // The plan: one llama-server process with both files, the command core builds for the same set.
    expect(want.recipes).toHaveLength(1);
    const command = want.recipes[0]!.command;
    expect(command).toContain('--mmproj mmproj-test.gguf');
    expect(command).toContain('--lora adapter.gguf');
    await page.getByTestId('nav-plan').click();
    const file = join(dir, 'plan.md');
    dialogs.save = file;
    await page.getByTestId('export-md').click();
    await expect.poll(() => page.getByTestId('export-status').innerText(), { timeout: 20_000 }).toContain('plan.md');
    const md = await readFile(file, 'utf8');
    expect(md).toContain('\n## Models on this machine\n');
    expect(md).toContain(command);

    // Saved with their bytes, and back after a reload.
    await expect
      .poll(async () => ((await handlers['workspace:get']()).workspace?.['multi'] as { files?: unknown[] } | undefined)?.files?.length)
      .toBe(2);
    await page.reload();
    await page.getByTestId('nav-compare').click();
    await expect.poll(() => num(page, 'multi-file-bytes-1')).toBe(want.models[2]!.bytes.total);
    // The images setting stays with the imported projector's row: its tokens still come from the model's config.
    expect(await page.getByTestId('multi-file-0').getByTestId('multi-images').inputValue()).toBe('2');
    await page.getByTestId('multi-file-remove-0').click();
    await expect.poll(() => page.getByTestId('multi-row-projector').count()).toBe(1);
    expect(await page.getByTestId('multi-images-added').getAttribute('data-added')).toBe('512');
    await page.getByTestId('locale-select').selectOption('ja');
    await expect
      .poll(() => page.getByTestId('multi-images-added').innerText())
      .toBe('2 枚 × 256 トークン = 512 トークンを Gemma 3 27B IT のコンテキストに加えています。');
    await page.getByTestId('multi-panel').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'multi-vision-ja');
    expect(consoleErrors).toEqual([]);
  }, 180_000);
});
