// Serving recipes from a capacity plan, for the engines teams already run: `vllm serve` (one node, or
// several joined by Ray: head and worker commands), SGLang's launch_server (--tp, --nnodes,
// --mem-fraction-static), llama-server with -np slots and --rpc workers, and a Kubernetes LeaderWorkerSet
// manifest for multi-node vLLM (the pattern of vLLM's own LWS deployment guide). Every number is the plan's,
// so recipes-serve.test.ts can parse them back and compare.

import type { CapacityPlan } from '../capacity/index';
import type { GpuCatalogEntry } from '../hardware/types';
import { shellQuote } from './recipes';
import { tr } from './text';

export interface ServeRecipe {
  id: 'vllm' | 'vllm-ray' | 'sglang' | 'llama-server' | 'k8s-lws';
  /** The English title (the CLI prints it). */
  title: string;
  /** The same title as a message key (core/i18n serve-*.ts) and its values, for the UI and plan in EN or JA. */
  label: { key: string; params: Record<string, string | number> };
  /** Shell commands, one per machine or step, in order. */
  commands: string[];
  /** Files to write (a Kubernetes manifest). */
  files: Array<{ name: string; content: string }>;
  /** Commands and files as one block of text. */
  text: string;
}

export interface ServeRecipeOptions {
  /** Hugging Face repo (vLLM, SGLang) or GGUF path (llama-server). */
  modelId: string;
  gpu: GpuCatalogEntry;
  /** Address workers reach the head on (placeholder by default). */
  headAddress?: string;
  rpcHosts?: string[];
}

function recipe(id: ServeRecipe['id'], label: ServeRecipe['label'], commands: string[], files: ServeRecipe['files'] = []): ServeRecipe {
  const text = [...commands, ...files.map((f) => `# ${f.name}\n${f.content}`)].join('\n');
  return { id, title: tr('en', label.key, label.params), label, commands, files, text };
}

function vllmQuantFlags(quant: string, kvType: string): string[] {
  const q = quant.toLowerCase();
  const out: string[] = [];
  if (q === 'fp8') out.push('--quantization', 'fp8');
  else if (q.startsWith('awq')) out.push('--quantization', 'awq');
  else if (q.startsWith('gptq')) out.push('--quantization', 'gptq');
  else if (q === 'mxfp4') out.push('--quantization', 'mxfp4');
  else if (q === 'nvfp4') out.push('--quantization', 'modelopt_fp4');
  else if (q === 'bf16' || q === 'fp16') out.push('--dtype', q === 'bf16' ? 'bfloat16' : 'float16');
  out.push('--kv-cache-dtype', kvType === 'fp8' ? 'fp8' : 'auto');
  return out;
}

function vllmArgs(p: CapacityPlan, o: ServeRecipeOptions): string[] {
  const d = p.deployment;
  return [
    'vllm',
    'serve',
    shellQuote(o.modelId),
    '--tensor-parallel-size',
    String(d.tp),
    '--pipeline-parallel-size',
    String(d.pp),
    '--max-model-len',
    String(p.pool.maxModelLen),
    '--gpu-memory-utilization',
    String(p.pool.memoryFraction),
    '--max-num-seqs',
    String(p.pool.maxNumSeqs),
    '--max-num-batched-tokens',
    String(p.estimate.settings.maxBatchedTokens),
    ...vllmQuantFlags(p.estimate.settings.quant, p.estimate.settings.kvTypeK),
  ];
}

/** Nodes one replica spans. */
function nodesPerReplica(p: CapacityPlan): number {
  return Math.max(1, Math.ceil(p.deployment.gpusPerReplica / p.deployment.gpusPerNode));
}

function vllmSingle(p: CapacityPlan, o: ServeRecipeOptions): ServeRecipe {
  const d = p.deployment;
  const base = vllmArgs(p, o);
  const perNode = Math.max(1, Math.floor(d.gpusPerNode / d.gpusPerReplica));
  const commands: string[] = [];
  for (let r = 0; r < Math.min(d.replicas, perNode); r++) {
    const ids = Array.from({ length: d.gpusPerReplica }, (_, i) => r * d.gpusPerReplica + i).join(',');
    const env = d.replicas > 1 ? `CUDA_VISIBLE_DEVICES=${ids} ` : '';
    commands.push(`${env}${[...base, '--port', String(8000 + r)].join(' ')}`);
  }
  const label: ServeRecipe['label'] =
    d.replicas > 1
      ? { key: 'serve.recipe.vllmReplicas', params: { replicas: d.replicas, perNode } }
      : { key: 'serve.recipe.vllm', params: {} };
  return recipe('vllm', label, commands);
}

function vllmRay(p: CapacityPlan, o: ServeRecipeOptions): ServeRecipe {
  const head = o.headAddress ?? 'HEAD_IP';
  const n = nodesPerReplica(p);
  const commands = [
    '# on the head node',
    'ray start --head --port=6379',
    `# on each of the ${n - 1} worker node(s)`,
    `ray start --address=${head}:6379`,
    '# on the head node, once `ray status` lists every GPU',
    [...vllmArgs(p, o), '--distributed-executor-backend', 'ray'].join(' '),
  ];
  return recipe('vllm-ray', { key: 'serve.recipe.vllmRay', params: { nodes: n, gpus: p.deployment.gpusPerReplica } }, commands);
}

function sglang(p: CapacityPlan, o: ServeRecipeOptions): ServeRecipe {
  const d = p.deployment;
  const n = nodesPerReplica(p);
  const args = [
    'python3',
    '-m',
    'sglang.launch_server',
    '--model-path',
    shellQuote(o.modelId),
    '--tp',
    String(d.tp),
    ...(d.pp > 1 ? ['--pp-size', String(d.pp)] : []),
    '--mem-fraction-static',
    String(p.pool.memoryFraction),
    '--context-length',
    String(p.pool.maxModelLen),
    '--max-running-requests',
    String(p.pool.maxNumSeqs),
    '--chunked-prefill-size',
    String(p.estimate.settings.maxBatchedTokens),
    ...(p.estimate.settings.kvTypeK === 'fp8' ? ['--kv-cache-dtype', 'fp8_e4m3'] : []),
    ...(p.estimate.settings.quant.toLowerCase() === 'fp8' ? ['--quantization', 'fp8'] : []),
    ...(p.estimate.settings.quant.toLowerCase() === 'nvfp4' ? ['--quantization', 'modelopt_fp4'] : []),
  ];
  if (n <= 1) {
    const dp = Math.max(1, Math.floor(d.gpusPerNode / d.gpusPerReplica));
    const cmd = [...args, ...(dp > 1 ? ['--dp', String(Math.min(dp, d.replicas))] : [])].join(' ');
    return recipe('sglang', { key: 'serve.recipe.sglang', params: {} }, [cmd]);
  }
  const head = o.headAddress ?? 'HEAD_IP';
  const commands = Array.from({ length: n }, (_, rank) =>
    [
      `# node ${rank}${rank === 0 ? ' (head)' : ''}`,
      [...args, '--nnodes', String(n), '--node-rank', String(rank), '--dist-init-addr', `${head}:5000`].join(' '),
    ].join('\n'),
  );
  return recipe('sglang', { key: 'serve.recipe.sglangNodes', params: { nodes: n } }, commands);
}

function llamaServer(p: CapacityPlan, o: ServeRecipeOptions): ServeRecipe {
  const slots = p.pool.maxNumSeqs;
  const ctx = p.pool.maxModelLen;
  const workers = Math.max(0, p.deployment.nodes - 1);
  const hosts = o.rpcHosts ?? Array.from({ length: workers }, (_, i) => `WORKER_${i + 1}_IP:50052`);
  const commands: string[] = [];
  if (workers > 0) commands.push(`# on each of the ${workers} worker machine(s)`, 'rpc-server --host 0.0.0.0 --port 50052');
  const kv = p.estimate.settings.kvTypeK;
  const args = ['llama-server', '-m', shellQuote(o.modelId), '-c', String(slots * ctx), '-np', String(slots), '-ngl', '999', '-fa', 'on'];
  if (kv !== 'f16') args.push('-ctk', kv, '-ctv', p.estimate.settings.kvTypeV);
  if (workers > 0) args.push('--rpc', hosts.join(','));
  commands.push(...(workers > 0 ? ['# on the main machine'] : []), args.join(' '));
  const label = { key: workers > 0 ? 'serve.recipe.llamaRpc' : 'serve.recipe.llama', params: { slots, ctx, workers } };
  return recipe('llama-server', label, commands);
}

function lwsManifest(p: CapacityPlan, o: ServeRecipeOptions): ServeRecipe {
  const d = p.deployment;
  const size = nodesPerReplica(p);
  const gpus = Math.min(d.gpusPerNode, d.gpusPerReplica);
  const serve = [...vllmArgs(p, o), ...(size > 1 ? ['--distributed-executor-backend', 'ray'] : [])].join(' ');
  const leaderCmd = size > 1 ? `ray start --head --port=6379 && ${serve}` : serve;
  const content = `apiVersion: leaderworkerset.x-k8s.io/v1
kind: LeaderWorkerSet
metadata:
  name: vllm
spec:
  replicas: ${d.replicas}
  leaderWorkerTemplate:
    size: ${size}
    restartPolicy: RecreateGroupOnPodRestart
    leaderTemplate:
      metadata:
        labels:
          role: leader
      spec:
        containers:
          - name: vllm-leader
            image: vllm/vllm-openai:latest
            command: ["sh", "-c", ${JSON.stringify(leaderCmd)}]
            resources:
              limits:
                nvidia.com/gpu: "${gpus}"
            ports:
              - containerPort: 8000
    workerTemplate:
      spec:
        containers:
          - name: vllm-worker
            image: vllm/vllm-openai:latest
            command: ["sh", "-c", "ray start --address=$(LWS_LEADER_ADDRESS):6379 --block"]
            resources:
              limits:
                nvidia.com/gpu: "${gpus}"
`;
  return recipe(
    'k8s-lws',
    { key: 'serve.recipe.lws', params: { replicas: d.replicas, size, gpus } },
    ['kubectl apply -f vllm-lws.yaml'],
    [{ name: 'vllm-lws.yaml', content }],
  );
}

/** The recipes that run the plan's deployment on its runtime. */
export function serveRecipes(p: CapacityPlan, o: ServeRecipeOptions): ServeRecipe[] {
  if (p.runtime === 'llama.cpp') return [llamaServer(p, o)];
  if (p.runtime === 'sglang') return [sglang(p, o)];
  const multi = nodesPerReplica(p) > 1;
  return [multi ? vllmRay(p, o) : vllmSingle(p, o), lwsManifest(p, o)];
}
