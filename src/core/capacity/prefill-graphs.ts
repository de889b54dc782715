// Whether a serving runtime replays CUDA graphs for a prefill pass, and up to how many tokens. A pass wider
// than that runs its kernels one by one, launched from Python, and its request pays the runtime's eager cost
// on top of the GPU work (calibration servingFirstTokenSeconds; capacity/speed.ts eagerPrefill).

import { atLeastRelease, parseVllmRelease } from '../estimate/runtimes/vllm-profile';
import type { GpuCatalogEntry } from '../hardware/types';
import type { ModelSpec } from '../model/types';
import type { ServeRuntime } from './types';

/**
 * vLLM V1 captures piecewise CUDA graphs (attention left out) for passes of up to max_cudagraph_capture_size
 * tokens: 512 by default (vllm/config/compilation.py: min(max_num_seqs × 2, 512), and max_num_seqs is 256 or
 * more). Longer passes run the compiled model without graphs.
 */
export const VLLM_GRAPH_TOKENS = 512;

/**
 * The first SGLang release with the piecewise CUDA graph on by default (PR 16331, merged 2026-03-02, after
 * 0.5.9's cut), and the first month a build named only by its date has it.
 */
const SGLANG_PIECEWISE_DEFAULT: Release = [0, 5, 10];
const SGLANG_PIECEWISE_MONTH = '2026-04';
/** vLLM's V1 engine (piecewise graphs) is the default from 0.8.0 (2025-03-18); V0 captured graphs for decode only. */
const VLLM_V1_DEFAULT: Release = [0, 8, 0];
const VLLM_V1_MONTH = '2025-04';

type Release = [number, number, number];

/** Whether `text` names a release (or a build month, "n/a (2025-10)") from `min` (or `month`) on; unnamed is current. */
function from(text: string | undefined, min: Release, month: string): boolean {
  const t = (text ?? '').trim();
  // vLLM's V0 engine named as such ("V0 (2024-12)"), not a 0.x release.
  if (/^v0\b/i.test(t) && !/^v0\.\d/i.test(t)) return false;
  const v = parseVllmRelease(t);
  if (v) return atLeastRelease(v, min);
  const d = /\b(20\d\d)-(\d\d)\b/.exec(t);
  return d ? `${d[1]}-${d[2]}` >= month : true;
}

export interface PrefillGraphSetup {
  runtime: ServeRuntime;
  /** The runtime's release as the deployment names it; absent or unparsed means a current one. */
  release?: string;
  gpu: GpuCatalogEntry;
  spec: ModelSpec;
  pp: number;
  /**
   * The scheduler's prompt tokens per pass (SGLang's chunked_prefill_size), which is also where SGLang's
   * piecewise graphs stop (piecewise_cuda_graph_max_tokens defaults to it, server_args.py).
   */
  chunkTokens: number;
}

/**
 * Prompt tokens up to which one prefill pass replays CUDA graphs; 0 where every prefill pass runs without them.
 * llama.cpp is priced by its own per-layer model and is not asked.
 */
export function prefillGraphTokens(s: PrefillGraphSetup): number {
  if (s.runtime === 'vllm') {
    // vLLM's XPU platform falls back to eager mode ("CUDA graph is not supported on XPU").
    if (s.gpu.vendor === 'intel') return 0;
    return from(s.release, VLLM_V1_DEFAULT, VLLM_V1_MONTH) ? VLLM_GRAPH_TOKENS : 0;
  }
  if (s.runtime !== 'sglang') return 0;
  // server_args.py _handle_piecewise_cuda_graph turns it off on non-CUDA hardware (HIP, XPU, ...), with
  // pipeline parallelism, and for the architectures model_config.py lists: Qwen3-Next (gated DeltaNet
  // hybrid) and the DeepSeek-V3.2 / GLM-5 sparse-attention (indexer) models among them. The MLA models are
  // taken as eager too: SGLang runs DeepSeek V2/V3/R1 and Kimi K2 through models/deepseek_v2.py, which the
  // tracker that turned the graphs on by default lists as open ("DeepSeek v2 models show incompatibilities
  // when PCG is enabled", sgl-project/sglang issue 18130, "not yet" on 2026-04-24), and the spec does not tell
  // that family from the other MLA models.
  if (s.gpu.vendor !== 'nvidia' || s.pp > 1) return 0;
  if (s.spec.mla || s.spec.indexer || s.spec.recurrent?.mixer?.kind === 'gated-deltanet') return 0;
  if (!from(s.release, SGLANG_PIECEWISE_DEFAULT, SGLANG_PIECEWISE_MONTH)) return 0;
  return s.chunkTokens;
}
