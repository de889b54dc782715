import { describe, expect, it } from 'vitest';
import { capacity, type CapacityPlan } from '../capacity/index';
import { getModel } from '../catalog';
import { defaultSettings } from '../estimate/index';
import { getGpu } from '../hardware/gpu-catalog';
import { serveRecipes } from './recipes-serve';

const h100 = getGpu('h100-sxm')!;
const llama70b = getModel('llama-3.1-70b-instruct')!;

function plan(
  runtime: 'vllm' | 'sglang' | 'llama.cpp',
  d: { gpusPerNode: number; tp: number; pp: number; nodes: number },
  kv: 'bf16' | 'fp8' = 'bf16',
): CapacityPlan {
  const base = runtime === 'llama.cpp' ? defaultSettings('llama.cpp') : { ...defaultSettings(runtime), kvTypeK: kv, kvTypeV: kv };
  return capacity({
    input: { spec: llama70b.spec },
    base,
    gpu: h100,
    workload: { users: 64, promptTokens: 2048, outputTokens: 512 },
    deployment: { runtime, ...d },
    layouts: false,
  });
}

/** The value after `flag` in a command line. */
function flag(cmd: string, name: string): string | undefined {
  const words = cmd.split(/\s+/);
  const i = words.indexOf(name);
  return i >= 0 ? words[i + 1] : undefined;
}

const o = { modelId: llama70b.hfRepo, gpu: h100 };

describe('serving recipes carry the plan’s numbers', () => {
  it('vllm serve on one node: tp, pp, max-model-len, utilisation and max-num-seqs are the plan’s', () => {
    const p = plan('vllm', { gpusPerNode: 8, tp: 4, pp: 1, nodes: 1 }, 'fp8');
    const [serve, lws] = serveRecipes(p, o);
    expect(serve!.id).toBe('vllm');
    // Two replicas of TP 4 on one 8-GPU node: one command each, on their own GPUs and ports.
    expect(serve!.commands).toHaveLength(2);
    expect(serve!.commands[1]).toMatch(/^CUDA_VISIBLE_DEVICES=4,5,6,7 vllm serve /);
    const cmd = serve!.commands[0]!;
    expect(flag(cmd, '--tensor-parallel-size')).toBe('4');
    expect(flag(cmd, '--pipeline-parallel-size')).toBe('1');
    expect(Number(flag(cmd, '--max-model-len'))).toBe(p.pool.maxModelLen);
    expect(Number(flag(cmd, '--gpu-memory-utilization'))).toBe(p.pool.memoryFraction);
    expect(Number(flag(cmd, '--max-num-seqs'))).toBe(p.pool.maxNumSeqs);
    expect(Number(flag(cmd, '--max-num-batched-tokens'))).toBe(p.estimate.settings.maxBatchedTokens);
    expect(flag(cmd, '--kv-cache-dtype')).toBe('fp8');
    expect(lws!.files[0]!.content).toMatch(/replicas: 2\n/);
    expect(lws!.files[0]!.content).toMatch(/size: 1\n/);
  });

  it('vLLM across nodes: Ray head and workers, and a LeaderWorkerSet whose GPU requests match', () => {
    const p = plan('vllm', { gpusPerNode: 8, tp: 8, pp: 2, nodes: 2 });
    const [ray, lws] = serveRecipes(p, o);
    expect(ray!.id).toBe('vllm-ray');
    expect(ray!.commands).toContain('ray start --head --port=6379');
    const serve = ray!.commands.find((c) => c.startsWith('vllm serve'))!;
    expect(flag(serve, '--pipeline-parallel-size')).toBe('2');
    expect(flag(serve, '--distributed-executor-backend')).toBe('ray');
    const yaml = lws!.files[0]!.content;
    expect(yaml).toMatch(/size: 2\n/);
    expect(yaml.match(/nvidia\.com\/gpu: "8"/g)).toHaveLength(2);
  });

  it('SGLang across nodes: one launch per node with --nnodes, --node-rank and the plan’s fraction', () => {
    const p = plan('sglang', { gpusPerNode: 8, tp: 16, pp: 1, nodes: 2 });
    const [r] = serveRecipes(p, o);
    expect(r!.commands).toHaveLength(2);
    expect(flag(r!.commands[1]!, '--node-rank')).toBe('1');
    expect(flag(r!.commands[0]!, '--nnodes')).toBe('2');
    expect(Number(flag(r!.commands[0]!, '--mem-fraction-static'))).toBe(p.pool.memoryFraction);
    expect(flag(r!.commands[0]!, '--tp')).toBe('16');
  });

  it('llama-server: -c is slots × context, -np the slots, and --rpc lists the workers', () => {
    const p = plan('llama.cpp', { gpusPerNode: 2, tp: 1, pp: 4, nodes: 2 });
    const [r] = serveRecipes(p, { ...o, modelId: 'model.gguf' });
    const cmd = r!.commands.find((c) => c.startsWith('llama-server'))!;
    expect(Number(flag(cmd, '-np'))).toBe(p.pool.maxNumSeqs);
    expect(Number(flag(cmd, '-c'))).toBe(p.pool.maxNumSeqs * p.pool.maxModelLen);
    expect(flag(cmd, '--rpc')).toBe('WORKER_1_IP:50052');
    expect(r!.commands).toContain('rpc-server --host 0.0.0.0 --port 50052');
  });
});
