import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGgufHeader, f32, str, writeGgufFile, type Kv, type TensorSpec } from '../../../tests/support/gguf-writer';
import { SIGLIP_PROJECTOR_KV as VISION, tensorBytes as bytesOf } from '../../../tests/support/projector-gguf';
import { GiB } from '../../core/units';
import { projectorCompute } from '../../core/multi/index';
import type { CliIO } from '../types';
import { createEstimateCommand } from './estimate';
import type { SetResultJson } from './estimate-add';
import { readLora, readProjector } from './estimate-add-files';

const estimate = createEstimateCommand({ detect: async () => null, ramBytes: () => 64 * GiB });

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t) };
  let code: number;
  try {
    code = await estimate(args, io);
  } catch (e) {
    // The CLI's top level prints a CliError's message; here the message itself is what is checked.
    return { code: 2, out: '', err: e instanceof Error ? e.message : String(e) };
  }
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function visionTensors(): TensorSpec[] {
  const t: TensorSpec[] = [
    { name: 'v.patch_embd.weight', dims: [14, 14, 3, 1152], type: 'F16' },
    { name: 'v.position_embd.weight', dims: [1152, 4096], type: 'F32' },
    { name: 'mm.input_projection.weight', dims: [1152, 2560], type: 'F16' },
  ];
  for (let l = 0; l < 2; l++) {
    for (const n of ['attn_q', 'attn_k', 'attn_v', 'attn_out'])
      t.push({ name: `v.blk.${l}.${n}.weight`, dims: [1152, 1152], type: 'Q8_0' });
    t.push(
      { name: `v.blk.${l}.ffn_up.weight`, dims: [1152, 4304], type: 'Q8_0' },
      { name: `v.blk.${l}.ffn_down.weight`, dims: [4304, 1152], type: 'F16' },
    );
    t.push({ name: `v.blk.${l}.ln1.weight`, dims: [1152], type: 'F32' });
  }
  return t;
}

const LORA_TENSORS: TensorSpec[] = [0, 1].flatMap((l) => [
  { name: `blk.${l}.attn_q.weight.lora_a`, dims: [4096, 16], type: 'F16' },
  { name: `blk.${l}.attn_q.weight.lora_b`, dims: [16, 4096], type: 'F16' },
]);

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vp-mmproj-'));
  await writeGgufFile(join(dir, 'mmproj.gguf'), encodeGgufHeader(VISION, visionTensors()));
  await writeGgufFile(join(dir, 'not-clip.gguf'), encodeGgufHeader([['general.architecture', str('llama')]], visionTensors()));
  await writeGgufFile(
    join(dir, 'no-size.gguf'),
    encodeGgufHeader(
      VISION.filter(([k]) => k !== 'clip.vision.image_size'),
      visionTensors(),
    ),
  );
  await writeFile(join(dir, 'garbage.gguf'), 'this is not a GGUF file at all');
  const loraKvs: Kv[] = [
    ['general.architecture', str('llama')],
    ['general.type', str('adapter')],
    ['adapter.type', str('lora')],
    ['adapter.lora.alpha', f32(32)],
  ];
  await writeGgufFile(join(dir, 'adapter.gguf'), encodeGgufHeader(loraKvs, LORA_TENSORS));
  const peft = join(dir, 'peft');
  await mkdir(peft);
  await writeFile(join(peft, 'adapter_config.json'), JSON.stringify({ peft_type: 'LORA', r: 8, lora_alpha: 16 }));
  const header = JSON.stringify({
    __metadata__: { format: 'pt' },
    'base_model.model.layers.0.self_attn.q_proj.lora_A.weight': { dtype: 'F32', shape: [8, 4096], data_offsets: [0, 131072] },
    'base_model.model.layers.0.self_attn.q_proj.lora_B.weight': { dtype: 'BF16', shape: [4096, 8], data_offsets: [131072, 196608] },
  });
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(header.length));
  await writeFile(join(peft, 'adapter_model.safetensors'), Buffer.concat([len, Buffer.from(header), Buffer.alloc(196608)]));
  await mkdir(join(dir, 'empty'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('--mmproj: a projector GGUF header', () => {
  it('weights are exactly the sum of its tensors; compute is (896/14)² patches through build_vit', async () => {
    const { info, fixed } = await readProjector(join(dir, 'mmproj.gguf'));
    expect(info.weightsBytes).toBe(bytesOf(visionTensors()));
    expect(info.imageTokens).toBe(64 * 64);
    // FFN step is the larger one, GELU in place: 4 B × 4096 × (3 × 1152 + 4304).
    expect(info.computeBytes).toBe(4 * 4096 * (3 * 1152 + 4304));
    expect(projectorCompute(4096, 1152, 4304, 16, false)).toBe(4 * 4096 * (6 * 1152 + 2 * 16 * 4096));
    expect(fixed.weightsBytes + fixed.computeBytes).toBe(info.weightsBytes + info.computeBytes);
  });

  it('a malformed file is one clear sentence', async () => {
    await expect(readProjector(join(dir, 'not-clip.gguf'))).rejects.toThrow(
      /^--mmproj not-clip\.gguf: its general\.architecture is "llama", not "clip"/,
    );
    await expect(readProjector(join(dir, 'no-size.gguf'))).rejects.toThrow(/has no clip\.vision\.image_size/);
    await expect(readProjector(join(dir, 'garbage.gguf'))).rejects.toThrow(/^--mmproj garbage\.gguf: /);
    await expect(readProjector(join(dir, 'missing.gguf'))).rejects.toThrow('--mmproj missing.gguf does not exist.');
  });

  it('estimate --mmproj: the set lists the projector with the main model, bytes.projector, and the recipe loads it', async () => {
    const r = await run(['--model', 'qwen3-8b', '--quant', 'Q4_K_M', '--vram', '24', '--mmproj', join(dir, 'mmproj.gguf'), '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as SetResultJson;
    const p = j.models.find((m) => m.role === 'vision-projector')!;
    const { info } = await readProjector(join(dir, 'mmproj.gguf'));
    expect(p.id).toBe('mmproj.gguf');
    expect(p.bytes.weights).toBe(info.weightsBytes);
    expect(p.bytes.devices[0]).toBe(info.weightsBytes + info.computeBytes);
    expect(j.bytes.projector).toBe(info.weightsBytes + info.computeBytes);
    expect(j.devices[0]!.usedBytes).toBe(j.models.reduce((a, m) => a + m.bytes.devices[0]!, 0));
    expect(j.recipes).toHaveLength(1);
    expect(j.recipes[0]!.command).toContain('--mmproj mmproj.gguf');
    expect(j.recipes[0]!.ids).toEqual(['qwen3-8b', 'mmproj.gguf']);
  });

  it('a projector that does not fit beside the model is no-fit (it cannot be offloaded)', async () => {
    const r = await run([
      '--model',
      'qwen3-8b',
      '--quant',
      'Q4_K_M',
      '--ctx',
      '4096',
      '--vram',
      '5.6',
      '--mmproj',
      join(dir, 'mmproj.gguf'),
      '--json',
    ]);
    const j = JSON.parse(r.out) as SetResultJson;
    const main = j.models.find((m) => m.role === 'main')!;
    const p = j.models.find((m) => m.role === 'vision-projector')!;
    // The main model offloads layers until its own part fits, leaving less than the projector needs.
    const left = j.devices[0]!.capacityBytes - main.bytes.devices[0]!;
    expect(main.verdict).toBe('offload');
    expect(left).toBeLessThan(p.bytes.total);
    expect(p.verdict).toBe('no-fit');
    expect(j.verdict).toBe('no-fit');
  });
});

describe('--lora: a GGUF adapter or a PEFT folder', () => {
  it('GGUF adapter: bytes are its tensors, rank from lora_a', async () => {
    const { info } = await readLora(join(dir, 'adapter.gguf'));
    expect(info).toMatchObject({ format: 'gguf', bytes: bytesOf(LORA_TENSORS), rank: 16, alpha: 32 });
  });

  it('PEFT folder: bytes from the safetensors header (dtype × shape), rank from adapter_config.json', async () => {
    const { info } = await readLora(join(dir, 'peft'));
    expect(info).toMatchObject({ format: 'peft', tensorCount: 2, bytes: 8 * 4096 * 4 + 4096 * 8 * 2, rank: 8, alpha: 16 });
  });

  it('bad input is one sentence', async () => {
    await expect(readLora(join(dir, 'mmproj.gguf'))).rejects.toThrow(/^--lora mmproj\.gguf: its general\.type is missing, not "adapter"/);
    await expect(readLora(join(dir, 'empty'))).rejects.toThrow(/^--lora empty: its adapter_config\.json does not exist\.$/);
    await expect(readLora(join(dir, 'nope'))).rejects.toThrow('--lora nope does not exist.');
  });

  it('estimate --lora: a member in the main process (no second runtime reserve), recipe --lora FILE', async () => {
    const r = await run(['--model', 'qwen3-8b', '--quant', 'Q4_K_M', '--vram', '24', '--lora', join(dir, 'adapter.gguf'), '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as SetResultJson;
    const l = j.models.find((m) => m.role === 'lora')!;
    expect(l.bytes.total).toBe(bytesOf(LORA_TENSORS));
    expect(l.bytes.devices[0]! + l.bytes.cpu).toBe(bytesOf(LORA_TENSORS));
    expect(j.recipes[0]!.command).toContain('--lora adapter.gguf');
  });
});
