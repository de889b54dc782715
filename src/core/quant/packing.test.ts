import { describe, expect, it } from 'vitest';
import { resolveQuant } from './formats';
import { hfTensorBytes } from './hf';
import { mlxQuantizedBytes } from './mlx';
import { groupPackedBytes } from './packing';

describe('group packing shared by the HF formats and MLX', () => {
  it('stores packed codes plus the per-group bytes, a partial last group included', () => {
    // 4096 weights at 4 bits: 2048 bytes of codes; 64 groups of 64 with a 2-byte scale and 2-byte bias.
    expect(groupPackedBytes(4096, 4, 64, 4)).toBe(2048 + 64 * 4);
    // 100 weights in groups of 32: four groups (the last holds 4 weights) still keep four scales.
    expect(groupPackedBytes(100, 4, 32, 1)).toBe(50 + 4);
  });

  it("prices gpt-oss's MXFP4 experts exactly like MLX's mxfp4 mode (E2M1 codes, one E8M0 byte per 32)", () => {
    const format = resolveQuant('mxfp4');
    expect(format.scheme).toBe('mxfp4');
    const shape = [2880, 2880, 32];
    const n = 2880 * 2880 * 32;
    expect(hfTensorBytes(format, 'ffn_up_exps', shape)).toEqual({ bytes: mlxQuantizedBytes(n, 4, 32, 'mxfp4'), type: 'MXFP4' });
    expect(mlxQuantizedBytes(n, 4, 32, 'mxfp4')).toBe(n / 2 + n / 32);
  });
});

describe('NVFP4 (ModelOpt)', () => {
  it('packs every linear layer as E2M1 codes with an FP8 scale per 16 and two fp32 scales per matrix; the router stays 16-bit', () => {
    const format = resolveQuant('nvfp4');
    expect(format.scheme).toBe('nvfp4');
    expect(resolveQuant('modelopt_fp4').id).toBe('nvfp4');
    const n = 4096 * 14336;
    expect(hfTensorBytes(format, 'ffn_up', [4096, 14336])).toEqual({ bytes: n / 2 + n / 16 + 8, type: 'NVFP4' });
    expect(hfTensorBytes(format, 'ffn_up_exps', [4096, 1536, 128]).bytes).toBe((4096 * 1536 * 128 * 9) / 16 + 8 * 128);
    expect(hfTensorBytes(format, 'ffn_gate_inp', [4096, 128])).toEqual({ bytes: 4096 * 128 * 2, type: 'BF16' });
  });
});
