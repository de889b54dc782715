// Hugging Face folders written for real in a temp dir: safetensors headers give exact bytes, the shard
// index is followed, quantization_config changes how packed tensors count, and broken inputs fail with
// one sentence.

import { execFileSync } from 'node:child_process';
import { chmod, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings, estimate } from '../../src/core/estimate/index';
import { importHfModel } from '../../src/main/services/import/hf-folder';
import { ImportError } from '../../src/main/services/import/errors';
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

const FIXTURES = resolve(__dirname, '../fixtures/hf');

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await makeTempDir('hf')));
afterAll(() => cleanup());

describe('importHfModel with safetensors', () => {
  it('reads a single model.safetensors: exact bytes, parameter count, tensor list, basis', async () => {
    const folder = join(dir, 'tiny-single');
    const tensors = tinyLlamaTensors();
    await writeHfFolder(folder, tinyLlamaConfig(), tensors);
    const hf = await importHfModel(folder);
    expect(hf.input.spec.basis).toBe('safetensors');
    expect(hf.weightsBytes).toBe(tensors.reduce((s, t) => s + tensorBytes(t), 0));
    expect(hf.parameterCount).toBe(elementsOf(tensors));
    expect(hf.input.spec.parameterCountOverride).toBe(elementsOf(tensors));
    expect(hf.format).toBe('bf16');
    expect(hf.input.tensors).toHaveLength(tensors.length);
    const embd = hf.input.tensors!.find((t) => t.name === 'token_embd.weight')!;
    expect(embd).toMatchObject({ shape: [TINY.hidden, TINY.vocab], type: 'BF16', layer: null, bytes: TINY.vocab * TINY.hidden * 2 });
    const perLayer = hf.input.tensors!.filter((t) => t.layer === 1);
    expect(perLayer).toHaveLength(9);
    expect(hf.files.map((f) => f.split('/').pop())).toEqual(['config.json', 'model.safetensors']);
    expect(hf.bytesRead).toBeLessThan(4096);
  });

  it('follows model.safetensors.index.json across shards and accepts config.json or a shard as the path', async () => {
    const folder = join(dir, 'tiny-sharded');
    const tensors = tinyLlamaTensors({ ...TINY, layers: 4 });
    const written = await writeHfFolder(folder, tinyLlamaConfig({ ...TINY, layers: 4 }), tensors, 3);
    const viaFolder = await importHfModel(folder);
    const viaConfig = await importHfModel(join(folder, 'config.json'));
    const viaShard = await importHfModel(written.files[1]!);
    for (const hf of [viaFolder, viaConfig, viaShard]) {
      expect(hf.weightsBytes).toBe(tensors.reduce((s, t) => s + tensorBytes(t), 0));
      expect(hf.input.tensors).toHaveLength(tensors.length);
      expect(hf.files.filter((f) => f.endsWith('.safetensors'))).toHaveLength(3);
    }
    expect(viaFolder.files.some((f) => f.endsWith('model.safetensors.index.json'))).toBe(true);
  });

  it('applies an AWQ quantization_config: packed int32 weights count 8 values each, scales and zeros are not parameters', async () => {
    const folder = join(dir, 'tiny-awq');
    const m = TINY;
    const g = 32; // group size
    const tensors: TensorDef[] = [
      { name: 'model.embed_tokens.weight', dtype: 'F16', shape: [m.vocab, m.hidden] },
      { name: 'model.norm.weight', dtype: 'F16', shape: [m.hidden] },
      { name: 'lm_head.weight', dtype: 'F16', shape: [m.vocab, m.hidden] },
    ];
    const linear = (name: string, inF: number, outF: number) => {
      tensors.push(
        { name: `${name}.qweight`, dtype: 'I32', shape: [inF, outF / 8] },
        { name: `${name}.qzeros`, dtype: 'I32', shape: [inF / g, outF / 8] },
        { name: `${name}.scales`, dtype: 'F16', shape: [inF / g, outF] },
      );
      return inF * outF;
    };
    let linearParams = 0;
    for (let l = 0; l < m.layers; l++) {
      const p = `model.layers.${l}.`;
      linearParams += linear(`${p}self_attn.q_proj`, m.hidden, m.hidden);
      linearParams += linear(`${p}mlp.down_proj`, m.ff, m.hidden);
      tensors.push({ name: `${p}input_layernorm.weight`, dtype: 'F16', shape: [m.hidden] });
    }
    const config = tinyLlamaConfig(m, {
      torch_dtype: 'float16',
      quantization_config: { quant_method: 'awq', bits: 4, group_size: g, version: 'gemm', zero_point: true },
    });
    await writeHfFolder(folder, config, tensors);
    const hf = await importHfModel(folder);
    const dense = 2 * m.vocab * m.hidden + m.hidden + m.layers * m.hidden;
    expect(hf.parameterCount).toBe(dense + linearParams);
    expect(hf.weightsBytes).toBe(tensors.reduce((s, t) => s + tensorBytes(t), 0));
    expect(hf.format).toBe('awq-g32');
    // Packed storage [in, out/8] int32 reads as a [in, out] AWQ weight (ggml order reversed), as GGUF would show it.
    const down = hf.input.tensors!.find((t) => t.name === 'blk.0.ffn_down.weight')!;
    expect(down).toMatchObject({ type: 'AWQ-4bit', layer: 0, shape: [m.hidden, m.ff], bytes: m.ff * (m.hidden / 8) * 4 });
    expect(hf.input.tensors!.find((t) => t.name === 'blk.0.ffn_down.qzeros')).toMatchObject({ type: 'I32' });
    for (const runtime of ['vllm', 'transformers', 'llama.cpp'] as const) {
      expect(estimate(hf.input, defaultSettings(runtime)).weights.bytes).toBe(hf.weightsBytes);
    }
  });

  it('merges per-expert tensors (Mixtral layout) into one _exps tensor per projection and layer', async () => {
    const folder = join(dir, 'tiny-mixtral');
    const experts = 4;
    const tensors: TensorDef[] = tinyLlamaTensors().filter((t) => !t.name.includes('.mlp.'));
    for (let l = 0; l < TINY.layers; l++) {
      tensors.push({ name: `model.layers.${l}.block_sparse_moe.gate.weight`, dtype: 'BF16', shape: [experts, TINY.hidden] });
      for (let e = 0; e < experts; e++) {
        const p = `model.layers.${l}.block_sparse_moe.experts.${e}.`;
        tensors.push(
          { name: `${p}w1.weight`, dtype: 'BF16', shape: [TINY.ff, TINY.hidden] },
          { name: `${p}w2.weight`, dtype: 'BF16', shape: [TINY.hidden, TINY.ff] },
          { name: `${p}w3.weight`, dtype: 'BF16', shape: [TINY.ff, TINY.hidden] },
        );
      }
    }
    const config = tinyLlamaConfig(TINY, {
      architectures: ['MixtralForCausalLM'],
      model_type: 'mixtral',
      num_local_experts: experts,
      num_experts_per_tok: 2,
    });
    await writeHfFolder(folder, config, tensors, 2);
    const hf = await importHfModel(folder);
    expect(hf.parameterCount).toBe(elementsOf(tensors));
    const names = hf.input.tensors!.map((t) => t.name);
    expect(names.filter((n) => n.startsWith('blk.0.ffn_') && n.includes('_exps'))).toEqual([
      'blk.0.ffn_gate_exps.weight',
      'blk.0.ffn_down_exps.weight',
      'blk.0.ffn_up_exps.weight',
    ]);
    const gate = hf.input.tensors!.find((t) => t.name === 'blk.1.ffn_gate_exps.weight')!;
    expect(gate).toMatchObject({
      shape: [TINY.hidden, TINY.ff, experts],
      type: 'BF16',
      layer: 1,
      bytes: experts * TINY.ff * TINY.hidden * 2,
    });
    expect(hf.input.tensors!.reduce((sum, t) => sum + t.bytes, 0)).toBe(hf.weightsBytes);

    // The engine prices these tensors as given and sees the routed experts.
    const est = estimate(hf.input, defaultSettings('vllm'));
    expect(est.weights.bytes).toBe(hf.weightsBytes);
    expect(est.weights.parameterCount).toBe(hf.parameterCount);
    expect(est.weights.perLayer.reduce((a, b) => a + b, 0) + est.weights.tokenEmbedding + est.weights.output + est.weights.other).toBe(
      hf.weightsBytes,
    );
    const routed = 3 * experts * TINY.ff * TINY.hidden * TINY.layers;
    expect(est.weights.activeParameterCount).toBe(hf.parameterCount - routed / 2);
  });

  it('counts MXFP4 expert blocks (gpt-oss layout) as two weights per byte and scales as none', async () => {
    const folder = join(dir, 'tiny-mxfp4');
    const h = 64;
    const experts = 4;
    const ff = 64;
    const tensors: TensorDef[] = [
      { name: 'model.embed_tokens.weight', dtype: 'BF16', shape: [256, h] },
      { name: 'model.norm.weight', dtype: 'BF16', shape: [h] },
      { name: 'lm_head.weight', dtype: 'BF16', shape: [256, h] },
    ];
    let params = 2 * 256 * h + h;
    for (let l = 0; l < 2; l++) {
      const p = `model.layers.${l}.mlp.experts.`;
      tensors.push(
        { name: `${p}gate_up_proj_blocks`, dtype: 'U8', shape: [experts, 2 * ff, h / 32, 16] },
        { name: `${p}gate_up_proj_scales`, dtype: 'U8', shape: [experts, 2 * ff, h / 32] },
        { name: `${p}gate_up_proj_bias`, dtype: 'BF16', shape: [experts, 2 * ff] },
        { name: `${p}down_proj_blocks`, dtype: 'U8', shape: [experts, h, ff / 32, 16] },
        { name: `${p}down_proj_scales`, dtype: 'U8', shape: [experts, h, ff / 32] },
        { name: `model.layers.${l}.self_attn.sinks`, dtype: 'BF16', shape: [4] },
      );
      params += experts * 2 * ff * h + experts * 2 * ff + experts * h * ff + 4;
    }
    const config = tinyLlamaConfig(TINY, {
      architectures: ['GptOssForCausalLM'],
      model_type: 'gpt_oss',
      num_local_experts: experts,
      num_experts_per_tok: 2,
      head_dim: 16,
      sliding_window: 128,
      layer_types: ['sliding_attention', 'full_attention'],
      quantization_config: { quant_method: 'mxfp4', modules_to_not_convert: ['model.layers.*.self_attn', 'lm_head'] },
    });
    await writeHfFolder(folder, config, tensors);
    const hf = await importHfModel(folder);
    expect(hf.format).toBe('mxfp4');
    expect(hf.parameterCount).toBe(params);
    const gateUp = hf.input.tensors!.find((t) => t.name === 'blk.1.ffn_gate_up_exps.weight')!;
    expect(gateUp).toMatchObject({ type: 'MXFP4', layer: 1, shape: [32, h / 32, 2 * ff, experts] });
    expect(hf.input.tensors!.find((t) => t.name === 'blk.1.ffn_gate_up_exps.scales')!.type).toBe('U8');
    expect(hf.input.tensors!.find((t) => t.name === 'blk.1.ffn_gate_up_exps.bias')!.type).toBe('BF16');
    expect(hf.weightsBytes).toBe(tensors.reduce((sum, t) => sum + tensorBytes(t), 0));
  });

  it('handles FP8 with scale tensors, bitsandbytes 4-bit, and a multimodal checkpoint with a vision tower', async () => {
    const fp8 = join(dir, 'tiny-fp8');
    const fp8Tensors: TensorDef[] = tinyLlamaTensors().flatMap((t) =>
      t.shape.length === 2 && t.name.includes('layers')
        ? [
            { ...t, dtype: 'F8_E4M3' },
            { name: t.name.replace(/weight$/, 'weight_scale_inv'), dtype: 'F32', shape: [1, 1] },
          ]
        : [t],
    );
    await writeHfFolder(
      fp8,
      tinyLlamaConfig(TINY, { quantization_config: { quant_method: 'fp8', fmt: 'e4m3', weight_block_size: [128, 128] } }),
      fp8Tensors,
    );
    const a = await importHfModel(fp8);
    expect(a.format).toBe('fp8');
    expect(a.parameterCount).toBe(elementsOf(tinyLlamaTensors()));
    expect(a.input.tensors!.find((t) => t.name === 'blk.0.attn_q.weight')!.type).toBe('F8');

    const bnb = join(dir, 'tiny-bnb');
    const bnbTensors: TensorDef[] = tinyLlamaTensors().flatMap((t) => {
      if (!(t.shape.length === 2 && t.name.includes('layers'))) return [t];
      const n = t.shape[0]! * t.shape[1]!;
      return [
        { name: t.name, dtype: 'U8', shape: [n / 2, 1] },
        { name: `${t.name}.absmax`, dtype: 'F32', shape: [n / 64] },
        { name: `${t.name}.quant_map`, dtype: 'F32', shape: [16] },
        { name: `${t.name}.quant_state.bitsandbytes__nf4`, dtype: 'U8', shape: [60] },
      ];
    });
    await writeHfFolder(
      bnb,
      tinyLlamaConfig(TINY, { quantization_config: { quant_method: 'bitsandbytes', load_in_4bit: true, bnb_4bit_quant_type: 'nf4' } }),
      bnbTensors,
    );
    const b = await importHfModel(bnb);
    expect(b.format).toBe('nf4');
    expect(b.parameterCount).toBe(elementsOf(tinyLlamaTensors()));
    expect(b.weightsBytes).toBe(bnbTensors.reduce((sum, t) => sum + tensorBytes(t), 0));

    const mm = join(dir, 'tiny-mm');
    const text = tinyLlamaTensors({ ...TINY, tied: true }).map((t) => ({
      ...t,
      name: t.name.replace(/^model\./, 'language_model.model.'),
    }));
    const vision: TensorDef[] = [
      { name: 'vision_tower.vision_model.encoder.layers.0.mlp.fc1.weight', dtype: 'BF16', shape: [32, 16] },
      { name: 'vision_tower.vision_model.encoder.layers.5.mlp.fc1.weight', dtype: 'BF16', shape: [32, 16] },
      { name: 'multi_modal_projector.mm_input_projection_weight', dtype: 'BF16', shape: [16, 64] },
    ];
    const mmConfig = {
      architectures: ['Gemma3ForConditionalGeneration'],
      model_type: 'gemma3',
      text_config: {
        model_type: 'gemma3_text',
        hidden_size: TINY.hidden,
        intermediate_size: TINY.ff,
        num_attention_heads: TINY.heads,
        num_key_value_heads: TINY.kvHeads,
        num_hidden_layers: TINY.layers,
        head_dim: 16,
        vocab_size: TINY.vocab,
        sliding_window: 512,
      },
      vision_config: { model_type: 'siglip_vision_model', hidden_size: 16, num_hidden_layers: 6 },
      torch_dtype: 'bfloat16',
    };
    await writeHfFolder(mm, mmConfig, [...text, ...vision]);
    const c = await importHfModel(mm);
    expect(c.parameterCount).toBe(elementsOf(text) + elementsOf(vision));
    expect(c.input.tensors!.filter((t) => t.layer !== null).map((t) => t.layer)).not.toContain(5);
    expect(c.input.tensors!.filter((t) => t.layer === 1)).toHaveLength(9);
    expect(c.warnings.join(' ')).toMatch(new RegExp(`Includes ${elementsOf(vision)} parameters of a vision encoder`));
  });

  it('reads MLX 4-bit checkpoints (U32 packed weights, scales and biases per group of 64)', async () => {
    const folder = join(dir, 'tiny-mlx');
    const tensors: TensorDef[] = tinyLlamaTensors().flatMap((t) => {
      if (!(t.shape.length === 2 && t.name.includes('layers'))) return [t];
      const [out, inF] = t.shape as [number, number];
      const base = t.name.replace(/\.weight$/, '');
      return [
        { name: t.name, dtype: 'I32', shape: [out, inF / 8] },
        { name: `${base}.scales`, dtype: 'BF16', shape: [out, inF / 64] },
        { name: `${base}.biases`, dtype: 'BF16', shape: [out, inF / 64] },
      ];
    });
    const asU32 = tensors.map((t) => (t.dtype === 'I32' ? { ...t, dtype: 'U32' } : t));
    await writeHfFolder(folder, tinyLlamaConfig(TINY, { quantization: { group_size: 64, bits: 4 } }), asU32);
    const hf = await importHfModel(folder);
    expect(hf.format).toBe('mlx-4bit');
    expect(hf.parameterCount).toBe(elementsOf(tinyLlamaTensors()));
    expect(hf.weightsBytes).toBe(asU32.reduce((sum, t) => sum + tensorBytes(t), 0));
  });

  it('refuses a FIFO named model.safetensors instead of blocking on it', async () => {
    const folder = join(dir, 'fifo');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'config.json'), JSON.stringify(tinyLlamaConfig()));
    execFileSync('mkfifo', [join(folder, 'model.safetensors')]);
    await expect(importHfModel(folder)).rejects.toThrow(/not a regular file/);
  });

  it('drops a stored lm_head of a tied model and an MTP block past num_hidden_layers, with warnings', async () => {
    const folder = join(dir, 'tiny-tied-mtp');
    const tied = { ...TINY, tied: true };
    const tensors = [
      ...tinyLlamaTensors(tied),
      { name: 'lm_head.weight', dtype: 'BF16', shape: [TINY.vocab, TINY.hidden] },
      { name: `model.layers.${TINY.layers}.mlp.up_proj.weight`, dtype: 'BF16', shape: [8, 8] },
    ];
    await writeHfFolder(folder, tinyLlamaConfig(tied), tensors);
    const hf = await importHfModel(folder);
    expect(hf.parameterCount).toBe(elementsOf(tinyLlamaTensors(tied)));
    expect(hf.warnings.join(' ')).toMatch(/lm_head/);
    expect(hf.warnings.join(' ')).toMatch(/Left out 128 bytes of block 2/);
  });
});

describe('importHfModel without weights or with broken files', () => {
  it('falls back to config.json alone with a warning (real Llama-3.1-8B config)', async () => {
    const hf = await importHfModel(join(FIXTURES, 'Llama-3.1-8B-Instruct'));
    expect(hf.input.spec.basis).toBe('config');
    expect(hf.input.tensors).toBeUndefined();
    expect(hf.input.spec.layers).toBe(32);
    expect(hf.format).toBe('bf16');
    expect(hf.parameterCount).toBeGreaterThan(8.0e9);
    expect(hf.parameterCount).toBeLessThan(8.06e9);
    expect(hf.weightsBytes).toBe(hf.parameterCount * 2);
    expect(hf.warnings.join(' ')).toMatch(/no safetensors/);
  });

  it('fails with one sentence on a truncated config.json', async () => {
    const folder = join(dir, 'truncated');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'config.json'), '{"architectures": ["LlamaForCausalLM"], "hidden_si');
    const error = await importHfModel(folder).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(/config\.json is not valid JSON/);
    expect((error as Error).message.split('\n')).toHaveLength(1);
  });

  it('fails clearly on a folder without config.json and on a config that is an array', async () => {
    const empty = join(dir, 'empty');
    await mkdir(empty, { recursive: true });
    await expect(importHfModel(empty)).rejects.toThrow(/No config\.json in/);
    const arr = join(dir, 'array');
    await mkdir(arr, { recursive: true });
    await writeFile(join(arr, 'config.json'), '[1, 2]');
    await expect(importHfModel(arr)).rejects.toThrow(/not a JSON object/);
  });

  it('reports missing shards and falls back to the config, and rejects a shard index naming absent tensors', async () => {
    const folder = join(dir, 'partial');
    const written = await writeHfFolder(folder, tinyLlamaConfig(), tinyLlamaTensors(), 2);
    await rm(written.files[1]!);
    const hf = await importHfModel(folder);
    expect(hf.input.spec.basis).toBe('config');
    expect(hf.warnings.join(' ')).toMatch(/1 of 2 safetensors shards are missing/);

    const liar = join(dir, 'liar');
    await writeHfFolder(liar, tinyLlamaConfig(), tinyLlamaTensors(), 2);
    const indexPath = join(liar, 'model.safetensors.index.json');
    const names = await readdir(liar);
    await writeFile(
      indexPath,
      JSON.stringify({
        weight_map: {
          'ghost.weight': names.find((n) => n.endsWith('.safetensors'))!,
          'model.norm.weight': names.find((n) => n.includes('00002'))!,
        },
      }),
    );
    await expect(importHfModel(liar)).rejects.toThrow(/no shard holds/);
  });

  it('refuses a shard index pointing outside the folder', async () => {
    const folder = join(dir, 'escape');
    await writeHfFolder(folder, tinyLlamaConfig(), tinyLlamaTensors(), 2);
    await writeFile(join(folder, 'model.safetensors.index.json'), JSON.stringify({ weight_map: { a: '../../etc/passwd' } }));
    await expect(importHfModel(folder)).rejects.toThrow(/invalid file name/);
  });

  it('reports an unreadable safetensors file as an error sentence (non-root) or reads it (root)', async () => {
    const folder = join(dir, 'locked');
    const written = await writeHfFolder(folder, tinyLlamaConfig(), tinyLlamaTensors());
    await chmod(written.files[0]!, 0o000);
    try {
      const result = await importHfModel(folder).then(
        (v) => ({ ok: true as const, v }),
        (e: unknown) => ({ ok: false as const, e }),
      );
      if (process.getuid?.() === 0) expect(result.ok).toBe(true);
      else {
        expect(result.ok).toBe(false);
        expect(String((result as { e: Error }).e.message)).toMatch(/permission denied/);
      }
    } finally {
      await chmod(written.files[0]!, 0o644);
    }
  });
});

describe('real config.json fixtures (config basis)', () => {
  // Exact counts from tests/fixtures/reference/models.csv (public records, recomputed independently);
  // Gemma 3 is the text-only count because a config-only import has no vision tensors to add.
  const cases: Array<[string, { layers: number; params: number; format: string | null }]> = [
    ['Llama-3.1-8B-Instruct', { layers: 32, params: 8_030_261_248, format: 'bf16' }],
    ['Qwen3-30B-A3B', { layers: 48, params: 30_532_122_624, format: 'bf16' }],
    ['gemma-3-27b-it', { layers: 62, params: 27_009_346_304, format: 'bf16' }],
    ['DeepSeek-V3', { layers: 61, params: 671_026_419_200, format: 'fp8' }],
    ['gpt-oss-20b', { layers: 24, params: 20_914_757_184, format: 'mxfp4' }],
    ['Mixtral-8x7B-v0.1', { layers: 32, params: 46_702_792_704, format: 'bf16' }],
  ];
  for (const [name, want] of cases) {
    it(`imports ${name}`, async () => {
      const hf = await importHfModel(join(FIXTURES, name));
      expect(hf.input.spec.basis).toBe('config');
      expect(hf.input.spec.layers).toBe(want.layers);
      expect(hf.parameterCount).toBe(want.params);
      expect(hf.format).toBe(want.format);
      expect(hf.weightsBytes).toBeGreaterThan(0);
      expect(hf.files).toEqual([join(FIXTURES, name, 'config.json')]);
    });
  }
});
