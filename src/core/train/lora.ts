// Exact LoRA adapter size from the architecture. PEFT wraps each targeted nn.Linear(in, out) with
// lora_A [r, in] and lora_B [out, r]: r × (in + out) parameters per module, bias="none" by default
// (peft/tuners/lora/layer.py, LoraLayer.update_layer). An embedding adapter is r × (vocab + hidden);
// DoRA adds one magnitude vector of out_features per module. MoE experts count once per expert: in
// transformers 4.x every expert is its own nn.Linear, which PEFT's "all-linear" and a "gate_proj" suffix hit.

import { listTensors, type TensorRole, type TensorSpec } from '../model/tensors';
import type { ModelSpec } from '../model/types';
import type { LoraSettings, LoraTarget } from './types';

/** Which LoRA target a tensor role belongs to; null for tensors that are not nn.Linear in transformers. */
const ROLE_TARGET: Partial<Record<TensorRole, LoraTarget | 'router' | 'other'>> = {
  attn_q: 'q',
  attn_q_b: 'q',
  attn_q_a: 'other',
  attn_k: 'k',
  attn_v: 'v',
  attn_kv_a_mqa: 'other',
  attn_kv_b: 'other',
  attn_qkv: 'other',
  attn_output: 'o',
  ffn_gate: 'gate',
  ffn_gate_exps: 'gate',
  ffn_gate_shexp: 'gate',
  ffn_up: 'up',
  ffn_up_exps: 'up',
  ffn_up_shexp: 'up',
  ffn_down: 'down',
  ffn_down_exps: 'down',
  ffn_down_shexp: 'down',
  ffn_gate_inp: 'router',
  ffn_gate_inp_shexp: 'router',
  ssm_in: 'other',
  ssm_out: 'other',
  attn_gate: 'other',
  indexer: 'other',
};

/** nn.Linear shapes of one tensor: [in, out] and how many separate modules it stands for (MoE experts). */
export function linearShape(t: TensorSpec): { inF: number; outF: number; count: number } {
  const [a = 1, b = 1, c = 1] = t.shape;
  // A 1-D "weight" here is Qwen2-MoE's shared-expert gate, nn.Linear(hidden, 1).
  if (t.shape.length === 1) return { inF: a, outF: 1, count: 1 };
  return { inF: a, outF: b, count: t.shape.length === 3 ? c : 1 };
}

export interface AdapterCount {
  total: number;
  byTarget: Partial<Record<LoraTarget | 'router' | 'other', number>>;
  /** Adapted Linear modules (experts counted one by one). */
  modules: number;
  /** Largest single adapter matrix, for the optimizer-in-backward gradient buffer. */
  largest: number;
  /** Adapter tensors as [rows, cols] (A and B of every module), for factored optimizers. */
  matrices: [number, number, number][];
}

function selected(role: TensorRole, lora: LoraSettings): LoraTarget | 'router' | 'other' | null {
  const target = ROLE_TARGET[role];
  if (!target) return null;
  if (lora.targets === 'all-linear') return target;
  return target !== 'router' && target !== 'other' && lora.targets.includes(target) ? target : null;
}

/** LoRA parameters for the settings' rank and targets, summed over layers. */
export function countAdapter(spec: ModelSpec, lora: LoraSettings): AdapterCount {
  const r = lora.rank;
  const out: AdapterCount = { total: 0, byTarget: {}, modules: 0, largest: 0, matrices: [] };
  const add = (key: LoraTarget | 'router' | 'other', inF: number, outF: number, count: number): void => {
    const per = r * (inF + outF) + (lora.dora ? outF : 0);
    out.total += per * count;
    out.byTarget[key] = (out.byTarget[key] ?? 0) + per * count;
    out.modules += count;
    out.largest = Math.max(out.largest, r * Math.max(inF, outF));
    out.matrices.push([r, inF, count], [outF, r, count]);
  };
  for (const t of listTensors(spec)) {
    if (!t.name.endsWith('.weight')) continue;
    const key = selected(t.role, lora);
    if (!key) continue;
    const { inF, outF, count } = linearShape(t);
    add(key, inF, outF, count);
  }
  // Embedding and head adapters (target_modules=["embed_tokens", "lm_head"]): r × (vocab + hidden) each.
  const extras = lora.extraTargets?.length ?? 0;
  for (let i = 0; i < extras; i++) add('other', spec.vocabSize, spec.hiddenSize, 1);
  return out;
}

/** Weight matrices a bitsandbytes 4-bit load quantises: every nn.Linear except lm_head (llm_int8_skip_modules). */
export function quantisedLinears(spec: ModelSpec): TensorSpec[] {
  return listTensors(spec).filter((t) => t.name.endsWith('.weight') && ROLE_TARGET[t.role] !== undefined);
}
