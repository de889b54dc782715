// MLX folders as mlx-lm writes them today: "quantization" and a copy in "quantization_config" (mlx-lm PR
// #957, no quant_method), U32 packed weights, scales and biases per group, and group sizes other than 64.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHfModel } from '../../src/main/services/import/hf-folder';
import {
  TINY,
  elementsOf,
  makeTempDir,
  tensorBytes,
  tinyLlamaConfig,
  tinyLlamaTensors,
  writeHfFolder,
  type TensorDef,
} from './import-support';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await makeTempDir('mlx')));
afterAll(() => cleanup());

function mlxTensors(bits: number, group: number): TensorDef[] {
  return tinyLlamaTensors().flatMap((t) => {
    if (!(t.shape.length === 2 && t.name.includes('layers'))) return [t];
    const [out, inF] = t.shape as [number, number];
    const base = t.name.replace(/\.weight$/, '');
    return [
      { name: t.name, dtype: 'U32', shape: [out, (inF * bits) / 32] },
      { name: `${base}.scales`, dtype: 'BF16', shape: [out, inF / group] },
      { name: `${base}.biases`, dtype: 'BF16', shape: [out, inF / group] },
    ];
  });
}

describe('importHfModel with MLX checkpoints', () => {
  it('reads a current mlx-lm folder (quantization copied to quantization_config) with group 32', async () => {
    const folder = join(dir, 'mlx-g32');
    const q = { group_size: 32, bits: 4, mode: 'affine' };
    const tensors = mlxTensors(4, 32);
    await writeHfFolder(folder, tinyLlamaConfig(TINY, { quantization: q, quantization_config: q }), tensors);
    const hf = await importHfModel(folder);
    expect(hf.format).toBe('mlx-4bit-g32');
    expect(hf.parameterCount).toBe(elementsOf(tinyLlamaTensors()));
    expect(hf.weightsBytes).toBe(tensors.reduce((sum, t) => sum + tensorBytes(t), 0));
  });

  it('names 8-bit group-64 folders mlx-8bit', async () => {
    const folder = join(dir, 'mlx-8');
    const q = { group_size: 64, bits: 8 };
    await writeHfFolder(folder, tinyLlamaConfig(TINY, { quantization: q, quantization_config: q }), mlxTensors(8, 64));
    const hf = await importHfModel(folder);
    expect(hf.format).toBe('mlx-8bit');
    expect(hf.parameterCount).toBe(elementsOf(tinyLlamaTensors()));
  });
});
