// The set's other launch recipes, for the same processes and settings as the llama-server ones:
// - Ollama: one server holding every model (OLLAMA_MAX_LOADED_MODELS = the processes of the set), a
//   Modelfile per model with PARAMETER num_ctx = its per-slot context. Ollama allocates num_ctx ×
//   OLLAMA_NUM_PARALLEL per model (docs/faq.md, "How does Ollama handle concurrent requests?"), and
//   OLLAMA_NUM_PARALLEL is one value for the server, so the set's largest slot count is used for all.
// - llama-swap: config.yaml with each model's llama-server cmd and proxy URL (its port), and one group with
//   swap: false so every member stays loaded together (mostlygeek/llama-swap, config.example.yaml "groups").
// - vLLM: one `vllm serve` per model, each with the --gpu-memory-utilization share of its largest device,
//   rounded up to 0.001; the shares on each device add up to at most 1 when the set fits.

import { setRecipes, type SetRecipe } from './recipes';
import type { RouterPreset } from './recipes-router';
import type { MemberResult, SetEstimate } from './types';

export type OllamaGap = 'no-rerank' | 'no-draft' | 'projector';

export interface OllamaRecipe {
  env: { OLLAMA_MAX_LOADED_MODELS: number; OLLAMA_NUM_PARALLEL: number };
  models: { ids: string[]; name: string; numCtx: number; modelfile: string }[];
  /** Members Ollama cannot serve: a reranker (no rerank API), a draft model (no speculative decoding), a projector file. */
  unsupported: { id: string; reason: OllamaGap }[];
}

export interface VllmRecipe extends SetRecipe {
  /** --gpu-memory-utilization of this process. */
  share: number;
  devices: number[];
}

export interface OtherRecipes {
  ollama: OllamaRecipe;
  llamaSwap: { group: string; yaml: string; command: string } | null;
  vllm: VllmRecipe[];
  /** llama-server's own router mode (--models-preset), llama.cpp sets only; optional for plans saved before it. */
  router?: RouterPreset | null;
}

/** The members each process holds: the main model with what loads into it, then every other model alone. */
export function processes(set: SetEstimate): MemberResult[][] {
  const inMain = (m: MemberResult): boolean => m.role === 'draft' || m.role === 'vision-projector' || m.role === 'lora';
  const out: MemberResult[][] = [];
  for (const m of set.members) {
    if (inMain(m)) continue;
    out.push(m.role === 'main' ? [m, ...set.members.filter(inMain)] : [m]);
  }
  return out;
}

const modelName = (id: string): string => id.toLowerCase().replace(/[^a-z0-9._-]+/g, '-');

export function ollamaRecipe(set: SetEstimate): OllamaRecipe {
  const unsupported: OllamaRecipe['unsupported'] = [];
  const models: OllamaRecipe['models'] = [];
  for (const proc of processes(set)) {
    const head = proc[0]!;
    if (head.role === 'reranker') {
      unsupported.push({ id: head.id, reason: 'no-rerank' });
      continue;
    }
    const s = head.estimate.settings;
    const lines = [`FROM ./${modelName(head.id)}-${s.quant}.gguf`, `PARAMETER num_ctx ${s.context}`];
    const ids = [head.id];
    for (const m of proc.slice(1)) {
      if (m.role === 'lora') {
        lines.push(`ADAPTER ./${/\.gguf$/i.test(m.id) ? m.id : `${m.id}.gguf`}`);
        ids.push(m.id);
      } else if (m.role === 'draft') unsupported.push({ id: m.id, reason: 'no-draft' });
      else unsupported.push({ id: m.id, reason: 'projector' });
    }
    models.push({ ids, name: modelName(head.id), numCtx: s.context, modelfile: `${lines.join('\n')}\n` });
  }
  const parallel = Math.max(1, ...processes(set).map((p) => p[0]!.estimate.settings.parallel));
  return { env: { OLLAMA_MAX_LOADED_MODELS: models.length, OLLAMA_NUM_PARALLEL: parallel }, models, unsupported };
}

/** Port llama-swap itself listens on, above the llama-server ports so they cannot collide. */
export const LLAMA_SWAP_PORT = 9292;

export function llamaSwapConfig(set: SetEstimate, recipes: SetRecipe[] = setRecipes(set)): OtherRecipes['llamaSwap'] {
  if (recipes.length === 0) return null;
  const group = 'set';
  const lines = ['models:'];
  for (const r of recipes) {
    const name = modelName(r.ids[0]!);
    lines.push(`  "${name}":`, `    cmd: ${JSON.stringify(r.command)}`, `    proxy: "http://127.0.0.1:${r.port}"`);
  }
  lines.push('groups:', `  "${group}":`, '    swap: false', '    exclusive: true', '    members:');
  for (const r of recipes) lines.push(`      - "${modelName(r.ids[0]!)}"`);
  return { group, yaml: `${lines.join('\n')}\n`, command: `llama-swap --config llama-swap.yaml --listen 127.0.0.1:${LLAMA_SWAP_PORT}` };
}
