import { describe, expect, it } from 'vitest';
import { GiB } from '../../core/units';
import { CliError, type CliIO } from '../types';
import { createEstimateCommand } from './estimate';
import type { TrainJson } from './estimate-train';

function capture(): CliIO & { stdout: string[] } {
  const stdout: string[] = [];
  return { stdout, out: (t) => stdout.push(t), err: () => undefined };
}

const estimate = createEstimateCommand({ detect: async () => null, ramBytes: () => 64 * GiB });

async function json(args: string[]): Promise<TrainJson> {
  const io = capture();
  expect(await estimate([...args, '--json'], io)).toBe(0);
  return JSON.parse(io.stdout.join('\n')) as TrainJson;
}

const L8 = ['--model', 'llama-3.1-8b-instruct'];

describe('vram-planner estimate --train', () => {
  it('prints whole bytes for every component, on one GPU and sharded over three', async () => {
    for (const extra of [
      ['--train', 'qlora', '--optimizer', 'paged-adamw-8bit', '--gpu', 'rtx-4090'],
      ['--train', 'full', '--optimizer', 'adamw-8bit', '--zero', '3', '--gpu', 'a100-sxm4-80gbx3'],
    ]) {
      const r = await json([...L8, ...extra]);
      for (const [k, v] of Object.entries(r.bytes)) expect(Number.isInteger(v), `${extra.join(' ')}: ${k} = ${v}`).toBe(true);
    }
  });

  it('prints the contract fields per GPU', async () => {
    const r = await json([...L8, '--train', 'lora', '--rank', '16', '--targets', 'q,k,v,o,gate,up,down', '--gpu', 'rtx-4090']);
    // 32 layers × 16 × (q 8192 + k 5120 + v 5120 + o 8192 + gate 18432 + up 18432 + down 18432).
    expect(r.training.trainableParameters).toBe(32 * 16 * 81920);
    for (const k of ['weights', 'gradients', 'optimizer', 'activations', 'logits', 'overhead', 'total'] as const)
      expect(r.bytes[k], k).toBeGreaterThan(0);
    expect(r.bytes.total).toBeGreaterThan(r.bytes.weights + r.bytes.optimizer);
    expect(r.devices).toHaveLength(1);
    expect(['fits', 'tight', 'no-fit']).toContain(r.verdict);
    expect(r.speed.tokensPerSecond).toBeGreaterThan(0);
  });

  it('all-linear equals the seven projections on a dense model', async () => {
    const a = await json([...L8, '--train', 'qlora', '--targets', 'all-linear']);
    const b = await json([...L8, '--train', 'qlora', '--targets', 'q,k,v,o,gate,up,down']);
    expect(a.training.trainableParameters).toBe(b.training.trainableParameters);
  });

  it('double quantisation saves about 0.37 bits per quantised parameter', async () => {
    const on = await json([...L8, '--train', 'qlora']);
    const off = await json([...L8, '--train', 'qlora', '--double-quant', 'off']);
    const saved = off.bytes.weights - on.bytes.weights;
    // QLoRA paper §3: 32/64 = 0.5 bits per parameter become 8/64 + 32/(64·256) ≈ 0.127 bits.
    const linear = 6.979e9;
    expect((saved * 8) / linear).toBeGreaterThan(0.36);
    expect((saved * 8) / linear).toBeLessThan(0.38);
  });

  it('ZeRO stages shard optimizer, then gradients, then weights over the GPUs', async () => {
    const z = async (stage: string) => json([...L8, '--train', 'full', '--zero', stage, '--gpu', 'h100-sxmx8']);
    const [z0, z1, z2, z3] = await Promise.all(['0', '1', '2', '3'].map(z));
    expect(z1!.bytes.optimizer).toBeCloseTo(z0!.bytes.optimizer / 8, 0);
    expect(z1!.bytes.gradients).toBe(z0!.bytes.gradients);
    expect(z2!.bytes.gradients).toBeCloseTo(z0!.bytes.gradients / 8, 0);
    expect(z3!.bytes.weights).toBeLessThan(z2!.bytes.weights / 4);
  });

  it('8-bit AdamW keeps a quarter of AdamW fp32 states for LoRA adapters', async () => {
    const a = await json([...L8, '--train', 'lora', '--optimizer', 'adamw']);
    const b = await json([...L8, '--train', 'lora', '--optimizer', 'adamw-8bit']);
    expect(b.bytes.optimizer / a.bytes.optimizer).toBeGreaterThan(0.25);
    expect(b.bytes.optimizer / a.bytes.optimizer).toBeLessThan(0.26);
  });

  it('checkpointing off stores every layer and costs more', async () => {
    const on = await json([...L8, '--train', 'lora', '--checkpointing', 'on', '--batch', '4']);
    const off = await json([...L8, '--train', 'lora', '--checkpointing', 'off', '--batch', '4']);
    expect(off.bytes.activations).toBeGreaterThan(5 * on.bytes.activations);
    expect(on.remedies.map((x) => x.id)).toContain('micro-batch');
    expect(off.remedies[0]!.id).toBe('micro-batch');
  });

  it('reads text output', async () => {
    const io = capture();
    expect(await estimate([...L8, '--train', 'qlora', '--gpu', 'rtx-4090'], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/Trainable +\d/);
    expect(text).toMatch(/Verdict/);
  });

  it('rejects bad training flags with one sentence', async () => {
    await expect(estimate([...L8, '--train', 'half'], capture())).rejects.toThrow(CliError);
    await expect(estimate([...L8, '--train', 'lora', '--targets', 'q,x'], capture())).rejects.toThrow(/--targets/);
    await expect(estimate([...L8, '--train', 'lora', '--optimizer', 'lion'], capture())).rejects.toThrow(/--optimizer/);
    await expect(estimate([...L8, '--train', 'full', '--rank', '8'], capture())).rejects.toThrow(/--rank/);
    await expect(estimate([...L8, '--train', 'lora', '--double-quant', 'off'], capture())).rejects.toThrow(/qlora/);
  });
});
