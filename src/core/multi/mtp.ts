// Speculative decoding with a model's own multi-token-prediction (MTP) layers (DeepSeek V3/R1, Qwen3-Next,
// GLM-4.5): the checkpoint ships `mtpLayers` extra blocks after the main ones, and vLLM / SGLang load them
// as the drafter in the main model's process. The module, per MTP layer, as vLLM builds it
// (vllm/model_executor/models/deepseek_mtp.py, qwen3_next_mtp.py):
// - enorm + hnorm (Qwen3-Next: pre_fc_norm_embedding + pre_fc_norm_hidden): two RMSNorm vectors of hidden;
// - eh_proj (Qwen3-Next: fc): a Linear 2·hidden → hidden. DeepSeek builds it as a plain nn.Linear without the
//   quant config, so it stays 16-bit under FP8; Qwen3-Next's ColumnParallelLinear takes the quant config;
// - one decoder layer like the main model's last one (MoE for DeepSeek / Qwen3-Next; Qwen3-Next's is a
//   full-attention layer, never a linear-attention one);
// - shared_head.norm (Qwen3-Next: norm): one RMSNorm vector.
// Embedding and lm_head are the main model's: vLLM's EAGLE proposer (v1/spec_decode/eagle.py) logs "Detected
// MTP model. Sharing target model embedding weights / lm_head weights with the draft model.", so they are not
// counted twice. Planned for tensor parallelism: under pipeline parallelism the drafter sits on the last rank. The MTP layer's KV cache comes from the same pool,
// at the same context and slots (vLLM gives the drafter's attention layers their own KV cache spec).

import { vllmKv } from '../estimate/kv';
import type { EstimateSettings, ModelInput } from '../estimate/types';
import { priceSpecWeights } from '../estimate/weights';
import type { ModelSpec } from '../model/types';
import { shellQuote } from '../plan/recipes';
import { resolveQuant } from '../quant/formats';
import { hfTensorBytes } from '../quant/hf';
import type { FixedBytes } from './types';

export class MtpError extends Error {}

/** The --draft value that picks the main model's own MTP layers instead of a draft model. */
export const MTP_DRAFT = 'mtp';

/** Runtimes that load MTP layers as a drafter. */
const MTP_RUNTIMES: ReadonlySet<EstimateSettings['runtime']> = new Set(['vllm', 'sglang']);

/**
 * MTP layers the checkpoint ships. Qwen3-Next's config.json does not state them, yet its checkpoint carries
 * mtp.* tensors and vLLM reads `getattr(config, "num_nextn_predict_layers", 1)` (qwen3_next_mtp.py): one.
 */
export function mtpLayerCount(spec: ModelSpec): number {
  return spec.mtpLayers ?? (spec.architecture === 'qwen3next' ? 1 : 0);
}

/**
 * Tokens drafted per step. One per MTP layer (the DeepSeek-V3 report trains one layer to predict the second
 * next token, acceptance 85–90 %); Qwen3-Next's model card starts vLLM with num_speculative_tokens 2,
 * the one layer drafting twice (vLLM reuses layer `step % num_mtp_layers`).
 */
export function mtpTokens(spec: ModelSpec): number {
  const n = Math.max(1, mtpLayerCount(spec));
  return spec.architecture === 'qwen3next' ? Math.max(2, n) : n;
}

/** One MTP block as a spec: `mtpLayers` layers shaped like the main model's last (MoE, full attention). */
export function mtpBlockSpec(spec: ModelSpec): ModelSpec {
  const n = mtpLayerCount(spec);
  const kv = spec.kvHeads;
  const block: ModelSpec = {
    ...spec,
    id: `${spec.id}-mtp`,
    layers: n,
    kvHeads: typeof kv === 'number' ? kv : (kv[kv.length - 1] ?? spec.heads),
  };
  delete block.recurrent;
  delete block.ffnPerLayer;
  delete block.kvLayers;
  delete block.slidingWindow;
  delete block.parameterCountOverride;
  delete block.mtpLayers;
  if (spec.moe) block.moe = { ...spec.moe, denseLeadingLayers: 0, layerStep: 1, layers: undefined };
  return block;
}

export interface MtpModule {
  /** Weights of every MTP layer: block + enorm, hnorm, eh_proj, shared_head.norm. */
  weightsBytes: number;
  blockBytes: number;
  projBytes: number;
  normBytes: number;
  kvBytes: number;
  /** Bytes one drafting step reads: the module's weights plus the shared lm_head it projects with. */
  stepBytes: number;
  tokens: number;
  basis: string;
}

function refuse(spec: ModelSpec, runtime: EstimateSettings['runtime']): void {
  if (mtpLayerCount(spec) < 1) {
    throw new MtpError(
      `${spec.name} has no multi-token-prediction layers, so --draft mtp has nothing to draft with; give a draft model instead.`,
    );
  }
  if (runtime === 'llama.cpp' || runtime === 'mlx' || runtime === 'transformers') {
    throw new MtpError(
      `--draft mtp needs vLLM or SGLang: ${runtime} does not draft with a model's MTP layers (llama.cpp's loaders keep the NextN/MTP tensors "preserved but unused"); use --runtime vllm or sglang, or a separate draft model.`,
    );
  }
}

/** The MTP module's bytes at the main model's quant, context and slots; throws MtpError where it cannot run. */
export function mtpModule(input: ModelInput, settings: EstimateSettings): MtpModule {
  const spec = input.spec;
  refuse(spec, settings.runtime);
  if (!MTP_RUNTIMES.has(settings.runtime)) throw new MtpError(`--draft mtp is not planned for ${settings.runtime}.`);
  const n = mtpLayerCount(spec);
  const h = spec.hiddenSize;
  const block = mtpBlockSpec(spec);
  const priced = priceSpecWeights(block, settings.quant);
  const blockBytes = priced.perLayer.reduce((a, b) => a + b, 0);
  const format = resolveQuant(settings.quant);
  // DeepSeek's eh_proj is an nn.Linear without quant config: priced as a non-linear (16-bit) tensor.
  const deepseek = spec.architecture.startsWith('deepseek');
  const projBytes = n * hfTensorBytes(format, deepseek ? 'norm' : 'attn_output', [2 * h, h]).bytes;
  const normBytes = n * 3 * hfTensorBytes(format, 'norm', [h]).bytes;
  const kvBytes = vllmKv(block, settings).bytes;
  const weightsBytes = blockBytes + projBytes + normBytes;
  const tokens = mtpTokens(spec);
  // A drafting step runs one MTP layer and the shared lm_head (the embedding table when tied).
  const main = priceSpecWeights(spec, settings.quant);
  const lmHeadBytes = main.output > 0 ? main.output : main.tokenEmbedding;
  const stepBytes = weightsBytes / n + lmHeadBytes;
  const basis =
    `${n} MTP layer(s) at ${settings.quant}: decoder block ${blockBytes} B, eh_proj 2·${h} → ${h} ${projBytes} B` +
    `${deepseek ? ' (16-bit: vLLM builds it without the quant config)' : ''}, enorm + hnorm + shared_head.norm ${normBytes} B; ` +
    `embedding and lm_head shared with the main model. KV of the MTP layer(s) in the same pool: ${kvBytes} B at ${settings.context} tokens × ${settings.parallel} slot(s). ` +
    `Compute: vLLM profiles the drafter in the same dummy run after the main model's forward, whose activations are freed by then; one layer's activations stay under the main peak, so nothing is added. ` +
    `Launch: vLLM --speculative-config '${vllmMtpConfig(tokens)}'; SGLang ${sglangMtpArgs(tokens).join(' ')}.`;
  return { weightsBytes, blockBytes, projBytes, normBytes, kvBytes, stepBytes, tokens, basis };
}

/** FixedBytes for the set planner: weights + the MTP layers' KV, split across devices like the main model. */
export function mtpFixed(m: MtpModule): FixedBytes {
  return {
    weightsBytes: m.weightsBytes,
    kvBytes: m.kvBytes,
    computeBytes: 0,
    mtp: { tokens: m.tokens, stepBytes: m.stepBytes },
    basis: m.basis,
  };
}

/** vLLM's --speculative-config for MTP: "mtp" is the method current releases take (older names map to it). */
export function vllmMtpConfig(tokens: number): string {
  return JSON.stringify({ method: 'mtp', num_speculative_tokens: tokens });
}

/**
 * A SGLang server for the main model with its MTP layers: the same context, slots, devices and memory share
 * as the set's vLLM command (--mem-fraction-static is SGLang's --gpu-memory-utilization).
 */
export function sglangMtpCommand(o: {
  repo: string;
  devices: number[];
  context: number;
  parallel: number;
  share: number;
  tokens: number;
  port: number;
}): string {
  const args = [`CUDA_VISIBLE_DEVICES=${o.devices.join(',')}`, 'python3', '-m', 'sglang.launch_server', '--model-path', shellQuote(o.repo)];
  args.push('--tp', String(Math.max(1, o.devices.length)), '--context-length', String(o.context));
  args.push('--max-running-requests', String(Math.max(1, o.parallel)), '--mem-fraction-static', o.share.toFixed(3));
  args.push(...sglangMtpArgs(o.tokens), '--host', '127.0.0.1', '--port', String(o.port));
  return args.join(' ');
}

/** SGLang's flags: MTP runs through its EAGLE worker, one chain (topk 1) of `tokens` steps. */
export function sglangMtpArgs(tokens: number): string[] {
  return [
    '--speculative-algorithm',
    'EAGLE',
    '--speculative-num-steps',
    String(tokens),
    '--speculative-eagle-topk',
    '1',
    '--speculative-num-draft-tokens',
    String(tokens + 1),
  ];
}
