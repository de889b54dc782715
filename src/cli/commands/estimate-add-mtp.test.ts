// `estimate` / `plan` with --draft mtp: the main model's own MTP layers as the drafter (core/multi/mtp.ts).

import { describe, expect, it } from 'vitest';
import { GiB } from '../../core/units';
import { CliError, type CliIO } from '../types';
import { createEstimateCommand, parseEstimateArgs } from './estimate';
import type { SetResultJson } from './estimate-add';
import { createPlanCommand } from './plan';

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

const deps = { detect: async () => null, ramBytes: () => 512 * GiB };
const estimate = createEstimateCommand(deps);
const DS = ['--model', 'deepseek-v3', '--runtime', 'vllm', '--gpu', 'h200x8', '--quant', 'fp8', '--draft', 'mtp'];

describe('estimate --draft mtp', () => {
  it('adds a draft member <model>-mtp with the MTP layers bytes and the vLLM speculative config', async () => {
    const io = capture();
    expect(await estimate([...DS, '--json'], io)).toBe(0);
    const r = JSON.parse(io.stdout.join('\n')) as SetResultJson;
    expect(r.models.map((m) => [m.id, m.role])).toEqual([
      ['deepseek-v3', 'main'],
      ['deepseek-v3-mtp', 'draft'],
    ]);
    const d = r.models[1]!;
    // One MoE block of 256 experts at fp8 dominates: about 11.7 GB, nowhere near the 671B main model.
    expect(d.bytes.weights / 1e9).toBeGreaterThan(11);
    expect(d.bytes.weights / 1e9).toBeLessThan(12.5);
    expect(d.bytes.kv).toBe(4096 * 576 * 2);
    expect(d.bytes.total).toBe(d.bytes.weights + d.bytes.kv);
    expect(r.bytes.total).toBe(r.models.reduce((a, m) => a + m.bytes.total, 0));
    expect(r.launch.vllm).toHaveLength(1);
    expect(r.launch.vllm[0]!.command).toContain(`'{"method":"mtp","num_speculative_tokens":1}'`);
    expect(r.draft!.draftTokens).toBe(1);
  });

  it('Qwen3-Next on SGLang: one launch_server with the EAGLE worker drafting twice on the same devices and share', async () => {
    const io = capture();
    const args = [
      '--model',
      'qwen3-next-80b-a3b-instruct',
      '--runtime',
      'sglang',
      '--gpu',
      'h200x8',
      '--quant',
      'fp8',
      '--draft',
      'mtp',
      '--json',
    ];
    expect(await estimate(args, io)).toBe(0);
    const r = JSON.parse(io.stdout.join('\n')) as SetResultJson;
    expect(r.models[1]!.id).toBe('qwen3-next-80b-a3b-instruct-mtp');
    const [p] = r.launch.vllm;
    expect(p!.ids).toEqual(['qwen3-next-80b-a3b-instruct', 'qwen3-next-80b-a3b-instruct-mtp']);
    expect(p!.command).toContain('sglang.launch_server --model-path Qwen/Qwen3-Next-80B-A3B-Instruct --tp 8');
    expect(p!.command).toContain(`--mem-fraction-static ${p!.share.toFixed(3)}`);
    expect(p!.command).toContain(
      '--speculative-algorithm EAGLE --speculative-num-steps 2 --speculative-eagle-topk 1 --speculative-num-draft-tokens 3',
    );
    expect(r.draft!.draftTokens).toBe(2);
  });

  it('refuses llama.cpp and a model without MTP layers with one sentence', async () => {
    await expect(
      estimate(['--model', 'deepseek-v3', '--runtime', 'llama.cpp', '--gpu', 'h200x8', '--draft', 'mtp'], capture()),
    ).rejects.toThrow(
      new CliError(
        `--draft mtp needs vLLM or SGLang: llama.cpp does not draft with a model's MTP layers (llama.cpp's loaders keep the NextN/MTP tensors "preserved but unused"); use --runtime vllm or sglang, or a separate draft model.`,
      ),
    );
    await expect(estimate(['--model', 'qwen3-8b', '--runtime', 'vllm', '--gpu', 'h200', '--draft', 'mtp'], capture())).rejects.toThrow(
      /^Qwen3 8B has no multi-token-prediction layers/,
    );
  });
});

describe('plan --draft mtp', () => {
  const plan = createPlanCommand({
    parseEstimateArgs: (a) => parseEstimateArgs(a, deps),
    now: () => new Date('2026-01-01T00:00:00Z'),
    appVersion: 'test',
  });

  it('lists the MTP member in the JSON and the Markdown plan', async () => {
    const io = capture();
    expect(await plan([...DS, '--format', 'json'], io)).toBe(0);
    const r = JSON.parse(io.stdout.join('\n')) as { models: SetResultJson['models'] };
    expect(r.models.map((m) => m.id)).toContain('deepseek-v3-mtp');
    const md = capture();
    expect(await plan(DS, md)).toBe(0);
    expect(md.stdout.join('\n')).toContain('| deepseek-v3-mtp | draft');
  });
});
