// The vision tower counted from an HF config against published figures: every parameter count below is a
// public safetensors total (tests/fixtures/vision/SOURCES.md) less the text weights, so a missing bias or
// norm in a family's tensor list fails here; the bytes are checked against real mmproj GGUF file sizes.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getModel } from '../catalog';
import { CATALOG_DATA } from '../catalog/data';
import { specFromHfConfig } from '../model/from-hf-config';
import { projectorCompute } from './projector';
import {
  imageTokens,
  projectorFromHf,
  visionParameterCount,
  visionTensors,
  visionTowerFromHfConfig,
  visionWeightsBytes,
  type VisionTower,
} from './projector-hf';

const FIXTURES = resolve(__dirname, '../../../tests/fixtures/vision');
const fixture = (name: string): unknown => JSON.parse(readFileSync(resolve(FIXTURES, name), 'utf8'));

function catalogTower(id: string): { tower: VisionTower; text: number } {
  const d = CATALOG_DATA.find((x) => x.id === id);
  if (!d) throw new Error(`no catalog entry ${id}`);
  const tower = visionTowerFromHfConfig(d.config);
  if (!tower) throw new Error(`${id} has no vision tower`);
  return { tower, text: d.parameterCount };
}

function tower(config: unknown): VisionTower {
  const t = visionTowerFromHfConfig(config);
  if (!t) throw new Error('no vision tower');
  return t;
}

describe('vision tower parameters from config.json shapes', () => {
  // Published safetensors totals (SOURCES.md) minus the catalog's text weights.
  it.each([
    ['gemma-3-4b-it', 4_300_079_472],
    ['gemma-3-12b-it', 12_187_325_040],
    ['gemma-3-27b-it', 27_432_406_640],
    ['mistral-small-3.1-24b-instruct-2503', 24_011_361_280],
    ['qwen3-vl-8b-instruct', 8_767_123_696],
    ['qwen2.5-vl-7b-instruct', 8_292_166_656],
    ['qwen2.5-vl-32b-instruct', 33_452_718_336],
  ])('%s: the checkpoint total less the text weights', (id, total) => {
    const { tower: t, text } = catalogTower(id);
    expect(visionParameterCount(t)).toBe(total - text);
  });

  it('Qwen2.5-VL 72B: the 73.4B the model page rounds to', () => {
    const { tower: t, text } = catalogTower('qwen2.5-vl-72b-instruct');
    expect(Math.round((text + visionParameterCount(t)) / 1e8) / 10).toBe(73.4);
  });

  it('InternVL3 8B (transformers layout): the same InternViT-300M count as the original layout, 2-D sizes read', () => {
    const { tower: t } = catalogTower('internvl3-8b');
    expect(t).toMatchObject({ family: 'internvl', imageSize: 448, patchSize: 14, merge: 2, qkvBias: true, qkNorm: false });
    // InternViT-300M-448px is 304,012,288 parameters (the InternVL2.5 8B check above uses it too); the MLP
    // projector: LayerNorm(4096) + 4096 → 3584 + 3584 → 3584, both biased.
    expect(visionParameterCount(t)).toBe(304_012_288 + 2 * 4096 + 4096 * 3584 + 3584 + 3584 * 3584 + 3584);
  });

  it('every catalog entry with a vision_config has a tower the planner sizes, but MoonViT (Kimi)', () => {
    const missing = CATALOG_DATA.filter((d) => 'vision_config' in d.config && visionTowerFromHfConfig(d.config) === null).map((d) => d.id);
    expect(missing).toEqual(['kimi-k2.5', 'kimi-k2.6', 'kimi-k2.7-code']);
  });

  it('Qwen2.5-VL 7B: merger included, 676,550,144 (the visual module as transformers counts it)', () => {
    const t = tower(fixture('qwen2.5-vl-7b-instruct.json'));
    expect(t.family).toBe('qwen2.5-vl');
    // 8,292,166,656 total − 7,615,616,512 (Qwen2.5-7B's text weights, the same shapes).
    expect(visionParameterCount(t)).toBe(8_292_166_656 - 7_615_616_512);
  });

  it('Llama 3.2 11B Vision: the vision model and projector, the cross-attention layers left to the text model', () => {
    const t = tower(fixture('llama-3.2-11b-vision-instruct.json'));
    expect(t.family).toBe('mllama');
    // Text: embeddings (128,256 + 8 image rows) + untied head + 40 layers (8 of them cross-attention,
    // with q/k norms of head_dim and two scalar gates each) + the final norm.
    const layer = 2 * 4096 + 2 * 4096 * 4096 + 2 * 4096 * 1024 + 3 * 4096 * 14336;
    const text = (128_256 + 8) * 4096 + 128_256 * 4096 + 40 * layer + 8 * (128 + 128 + 2) + 4096;
    expect(visionParameterCount(t)).toBe(10_670_220_835 - text);
  });

  it('the Llama 3.2 11B Vision catalog entry: text spec + the 34,832 it leaves out + the tower = the published total', () => {
    const { tower: t, text } = catalogTower('llama-3.2-11b-vision-instruct');
    expect(text + 34_832 + visionParameterCount(t)).toBe(10_670_220_835);
    expect(getModel('llama-3.2-11b-vision-instruct')!.spec.kvLayers).toBe(32);
    expect(projectorFromHf(t, { runtime: 'llama.cpp' }).basis).toMatch(/no mllama projector/);
  });

  it('InternVL2.5 8B: InternViT-300M + the MLP projector', () => {
    const t = tower(fixture('internvl2_5-8b.json'));
    expect(t.family).toBe('internvl');
    // InternLM2.5-7B-chat's 7,737,708,544 with InternVL's 9 added tokens in both the embedding and the head.
    const text = 7_737_708_544 + 2 * 9 * 4096;
    expect(visionParameterCount(t)).toBe(8_075_365_376 - text);
  });

  it('names no tower it cannot size: none, an unmodelled family, a missing shape', () => {
    expect(visionTowerFromHfConfig({ model_type: 'llama', hidden_size: 4096 })).toBeNull();
    const kimi = CATALOG_DATA.find((d) => d.id === 'kimi-k2.5')!;
    expect(visionTowerFromHfConfig(kimi.config)).toBeNull();
    const gemma = CATALOG_DATA.find((d) => d.id === 'gemma-3-27b-it')!.config as Record<string, Record<string, unknown>>;
    const vc = { ...gemma.vision_config };
    delete vc.intermediate_size;
    expect(visionTowerFromHfConfig({ ...gemma, vision_config: vc })).toBeNull();
  });

  it('rides on the spec the importer builds, so the catalog and an HF import carry the same tower', () => {
    const d = CATALOG_DATA.find((x) => x.id === 'gemma-3-27b-it')!;
    expect(specFromHfConfig(d.config).spec.vision).toEqual(visionTowerFromHfConfig(d.config));
    expect(specFromHfConfig(d.config).spec.vision?.family).toBe('gemma3');
  });
});

describe('projector bytes at the mmproj type', () => {
  it('f16 tensor data sits just under the ggml-org mmproj-model-f16.gguf files (their header is the rest)', () => {
    // File sizes in bytes (SOURCES.md); the GGUF header and alignment padding are a few tens of KB.
    for (const [id, file] of [
      ['gemma-3-4b-it', 851_251_104],
      ['gemma-3-27b-it', 857_739_168],
    ] as const) {
      const bytes = visionWeightsBytes(catalogTower(id).tower, 'f16');
      expect(file - bytes, id).toBeGreaterThan(0);
      expect(file - bytes, id).toBeLessThan(64 * 1024);
    }
  });

  it('Q8_0 quantizes whole 32-value rows only, keeps vectors in F32 and the patch embedding in F32', () => {
    const t: VisionTower = {
      family: 'qwen2.5-vl',
      modelType: 'test',
      layers: 1,
      width: 64,
      ffn: 40,
      heads: 2,
      patchSize: 2,
      channels: 3,
      imageSize: 0,
      textWidth: 32,
      merge: 2,
      temporalPatch: 2,
    };
    const n = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);
    let expected = 0;
    for (const x of visionTensors(t)) {
      const row = x.shape[x.shape.length - 1]!;
      if (x.kind === 'vector' || x.kind === 'patch') expected += 4 * n(x.shape);
      else expected += row % 32 === 0 ? (n(x.shape) / 32) * 34 : 2 * n(x.shape);
    }
    expect(visionWeightsBytes(t, 'q8_0')).toBe(expected);
    // The down projection's rows are 40 long, so it stays F16: 64 × 40 × 2 bytes.
    const down = visionTensors(t).find((x) => x.name === 'blocks.0.mlp.down_proj.weight')!;
    expect(down.shape).toEqual([64, 40]);
    expect(visionWeightsBytes(t, 'bf16')).toBe(2 * visionParameterCount(t));
  });
});

describe('image tokens and the encoder compute buffer', () => {
  it('per family and runtime', () => {
    const gemma = catalogTower('gemma-3-27b-it').tower;
    expect(imageTokens(gemma, 'llama.cpp')).toMatchObject({ perImage: 256, encoderPatches: 4096 });
    const qwen = catalogTower('qwen3-vl-8b-instruct').tower;
    expect(imageTokens(qwen, 'llama.cpp')).toMatchObject({ perImage: 4096, encoderPatches: 16_384 });
    expect(imageTokens(qwen, 'vllm')).toMatchObject({ perImage: 16_384, encoderPatches: 65_536 });
    const pixtral = catalogTower('mistral-small-3.1-24b-instruct-2503').tower;
    // 32 × 32 merged tokens + 32 row tokens in llama.cpp; 55 × 55 + 55 at the processor's 1540 px.
    expect(imageTokens(pixtral, 'llama.cpp')).toMatchObject({ perImage: 1056, encoderPatches: 4096 });
    expect(imageTokens(pixtral, 'vllm')).toMatchObject({ perImage: 3080, encoderPatches: 12_100 });
    const intern = tower(fixture('internvl2_5-8b.json'));
    expect(imageTokens(intern, 'llama.cpp')).toMatchObject({ perImage: 256 * 13, encoderPatches: 1025 });
    const mllama = tower(fixture('llama-3.2-11b-vision-instruct.json'));
    expect(imageTokens(mllama, 'vllm')).toMatchObject({ perImage: 1, encoderPatches: 4 * 1601 });
  });

  it('the compute buffer is the ViT-graph formula for the largest image, and mllama adds its cross-attention KV', () => {
    const gemma = catalogTower('gemma-3-27b-it').tower;
    const p = projectorFromHf(gemma, { runtime: 'llama.cpp' });
    expect(p.type).toBe('f16');
    expect(p.computeBytes).toBe(projectorCompute(4096, 1152, 4304, 16, true));
    expect(p.computeBytes).toBe(4 * 4096 * (3 * 1152 + 4304));
    expect(projectorFromHf(gemma, { runtime: 'vllm' }).type).toBe('bf16');

    const mllama = tower(fixture('llama-3.2-11b-vision-instruct.json'));
    const one = projectorFromHf(mllama, { runtime: 'vllm', images: 1 });
    const two = projectorFromHf(mllama, { runtime: 'vllm', images: 2 });
    // K and V, 2 bytes, 8 cross-attention layers, 8 KV heads × 128, 6,404 vision tokens per image.
    expect(one.crossAttentionKvBytes).toBe(2 * 2 * 8 * 1024 * 6404);
    expect(two.crossAttentionKvBytes).toBe(2 * one.crossAttentionKvBytes);
    expect(two.computeBytes - one.computeBytes).toBe(one.crossAttentionKvBytes);
  });
});
