import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getModel } from '../catalog';
import { defaultSettings, estimate } from '../estimate';
import { isKnownQuant, quantForBits, resolveQuant } from './formats';
import { mlxQuantizedBytes, mlxTensorBytes, parseMlxQuant } from './mlx';

interface IndexFixture {
  metadata: { total_size: number };
  quantization: { group_size: number; bits: number };
  vision_config: {
    depth: number;
    hidden_size: number;
    in_channels: number;
    intermediate_size: number;
    num_position_embeddings: number;
    out_hidden_size: number;
    patch_size: number;
    spatial_merge_size: number;
    temporal_patch_size: number;
  };
}

const fixture = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../tests/fixtures/mlx/qwen3.5-9b-mlx-8bit.json'), 'utf8'),
) as IndexFixture;

/**
 * The Qwen3-VL-style vision tower mlx-vlm stores unquantised (bf16) beside the language model: patch
 * embedding (Conv3d), learned position table, `depth` blocks (two LayerNorms, fused qkv, proj, two-layer
 * MLP, all with biases) and the merger (LayerNorm + two Linears over spatial_merge_size² patches).
 */
function visionTowerBytes(v: IndexFixture['vision_config']): number {
  const h = v.hidden_size;
  const ff = v.intermediate_size;
  const patch = v.in_channels * v.temporal_patch_size * v.patch_size * v.patch_size;
  const block = 4 * h + (3 * h * h + 3 * h) + (h * h + h) + (ff * h + ff) + (h * ff + h);
  const merged = h * v.spatial_merge_size ** 2;
  const merger = 2 * h + (merged * merged + merged) + (v.out_hidden_size * merged + v.out_hidden_size);
  const elements = h * patch + h + v.num_position_embeddings * h + v.depth * block + merger;
  return elements * 2;
}

describe('MLX quantisation formats', () => {
  it('prices a published 8-bit Qwen3.5-9B conversion to the byte', () => {
    const model = getModel('qwen3.5-9b');
    expect(model).toBeDefined();
    const q = fixture.quantization;
    const settings = { ...defaultSettings('mlx'), quant: `mlx-${q.bits}bit${q.group_size === 64 ? '' : `-g${q.group_size}`}` };
    const e = estimate({ spec: model!.spec }, settings);
    // The index also holds the vision tower, which the catalog spec (text model) leaves out.
    expect(e.weights.fileBytes! + visionTowerBytes(fixture.vision_config)).toBe(fixture.metadata.total_size);
    // A_log stays fp32 (24 DeltaNet layers × 32 heads × 4 B); pricing it in bf16 would miss by 1,536 bytes.
    expect(e.weights.byType['F32']).toBe(24 * 32 * 4);
  });

  it('packs bits per weight plus a scale and a bias per group (affine) or one scale byte (microscaling)', () => {
    const n = 4096 * 4096;
    expect(mlxQuantizedBytes(n, 4, 64)).toBe(n / 2 + (n / 64) * 4); // 4.5 bits per weight
    expect(mlxQuantizedBytes(n, 4, 32)).toBe(n / 2 + (n / 32) * 4); // 5 bits per weight
    expect(mlxQuantizedBytes(n, 3, 128)).toBe((n * 3) / 8 + (n / 128) * 4); // 3.25
    expect(mlxQuantizedBytes(n, 4, 32, 'mxfp4')).toBe(n / 2 + n / 32); // 4.25
    expect(mlxQuantizedBytes(n, 4, 16, 'nvfp4')).toBe(n / 2 + n / 16); // 4.5
    expect(mlxQuantizedBytes(n, 8, 32, 'mxfp8')).toBe(n + n / 32); // 8.25
  });

  it('keeps what mlx_lm keeps: widths off the group, norms and conv kernels in the model dtype; routers at 8 bits', () => {
    const f = resolveQuant('mlx-4bit');
    expect(mlxTensorBytes(f, 'ffn_down', [4096 + 32, 4096]).type).toBe('BF16');
    expect(mlxTensorBytes(f, 'norm', [4096]).bytes).toBe(8192);
    expect(mlxTensorBytes(f, 'ssm_conv', [4, 8192]).bytes).toBe(4 * 8192 * 2);
    expect(mlxTensorBytes(f, 'ffn_gate_inp', [2048, 128])).toEqual({ bytes: mlxQuantizedBytes(2048 * 128, 8, 64), type: 'MLX8' });
    expect(mlxTensorBytes(f, 'token_embd', [2048, 151936]).type).toBe('MLX4');
    expect(mlxTensorBytes(f, 'ffn_up_exps', [2048, 768, 128]).bytes).toBe(mlxQuantizedBytes(2048 * 768 * 128, 4, 64));
  });

  it('reads the ids people use and refuses combinations MLX refuses', () => {
    expect(resolveQuant('mlx-4bit').groupSize).toBe(64);
    expect(resolveQuant('MLX-6bit-g128')).toMatchObject({ id: 'mlx-6bit-g128', nominalBits: 6, groupSize: 128 });
    expect(resolveQuant('mlx-q8')).toMatchObject({ id: 'mlx-8bit', groupSize: 64 });
    expect(resolveQuant('mlx4').id).toBe('mlx-4bit');
    expect(resolveQuant('mlx-nvfp4')).toMatchObject({ mlxMode: 'nvfp4', groupSize: 16 });
    expect(parseMlxQuant('mlx-7bit')).toBeNull();
    expect(parseMlxQuant('mlx-4bit-g16')).toBeNull();
    expect(isKnownQuant('mlx-4bit-g48')).toBe(false);
    expect(quantForBits(4, 'mlx').id).toBe('mlx-4bit');
    expect(quantForBits(16, 'mlx').id).toBe('bf16');
  });

  it('makes a group of 32 heavier than 64, and 64 heavier than 128', () => {
    const spec = getModel('qwen3-4b-instruct-2507')!.spec;
    const w = (q: string) => estimate({ spec }, { ...defaultSettings('mlx'), quant: q }).weights.bytes;
    expect(w('mlx-4bit-g32')).toBeGreaterThan(w('mlx-4bit'));
    expect(w('mlx-4bit')).toBeGreaterThan(w('mlx-4bit-g128'));
  });
});
