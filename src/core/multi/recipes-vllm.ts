// vLLM for a set: one `vllm serve` per model, since one vLLM process serves one base model. Each process
// takes --gpu-memory-utilization × the device's total memory for weights, activations and its KV pool,
// so each gets the share of its largest device that the set planner gave it, and the shares on a device
// add up to what the set uses there.

import type { PlanningHardware } from '../advice/types';
import { getModel } from '../catalog';
import { shellQuote } from '../plan/recipes';
import { DRAFT_TOKENS } from './draft';
import { sglangMtpCommand, vllmMtpConfig } from './mtp';
import { FIRST_PORT } from './recipes';
import { vllmLoraArgs, vllmLoraSlots } from './recipes-lora';
import { processes, type VllmRecipe } from './recipes-other';
import type { SetEstimate } from './types';

/** Rounded up to 0.001: finer than vLLM needs, coarse enough to read. */
const roundUp = (x: number): number => Math.ceil(x * 1000 - 1e-9) / 1000;

export function vllmRecipes(set: SetEstimate, hw: PlanningHardware): VllmRecipe[] {
  return processes(set).map((proc, n) => {
    const head = proc[0]!;
    const s = head.estimate.settings;
    const bytes = hw.devices.map((_, i) => proc.reduce((a, m) => a + (m.deviceBytes[i] ?? 0), 0));
    const devices = bytes.flatMap((b, i) => (b > 0 ? [i] : []));
    const share = Math.min(1, roundUp(Math.max(0, ...bytes.map((b, i) => b / (hw.devices[i]?.totalBytes || Infinity)))));
    const port = FIRST_PORT + n;
    const repo = getModel(head.id)?.hfRepo || head.id;
    const mtp = proc.length === 2 ? proc[1]!.fixed?.mtp : undefined;
    if (s.runtime === 'sglang' && mtp) {
      const command = sglangMtpCommand({ repo, devices, context: s.context, parallel: s.parallel, share, tokens: mtp.tokens, port });
      return { ids: [head.id, proc[1]!.id], port, command, share, devices };
    }
    const args = [`CUDA_VISIBLE_DEVICES=${devices.join(',')}`, 'vllm', 'serve', shellQuote(repo)];
    if (devices.length > 1) args.push('--tensor-parallel-size', String(devices.length));
    args.push('--max-model-len', String(s.context), '--max-num-seqs', String(Math.max(1, s.parallel)));
    args.push('--gpu-memory-utilization', share.toFixed(3));
    if (head.role === 'embedding') args.push('--task', 'embed');
    if (head.role === 'reranker') args.push('--task', 'score');
    const ids = [head.id];
    for (const m of proc.slice(1)) {
      ids.push(m.id);
      if (m.role === 'draft' && m.fixed?.mtp) {
        // The model's own MTP layers, drafting the tokens their speed range assumes (mtp.ts).
        args.push('--speculative-config', shellQuote(vllmMtpConfig(m.fixed.mtp.tokens)));
      } else if (m.role === 'draft') {
        // The same γ the draft model's speed range is given for (draftSpeed's default).
        const spec = { model: getModel(m.id)?.hfRepo || m.id, num_speculative_tokens: DRAFT_TOKENS };
        args.push('--speculative-config', shellQuote(JSON.stringify(spec)));
      } else if (m.role === 'lora') {
        // The same slots the set's bytes were priced with (set.ts → vllmLoraFixed): rank from the adapter file.
        const slots = vllmLoraSlots(head.estimate.model, m.fixed?.loraRank ?? null, { tensorParallel: Math.max(1, devices.length) });
        args.push(...vllmLoraArgs(slots), '--lora-modules', shellQuote(`${m.id.replace(/\.gguf$/i, '')}=${m.id}`));
      }
      // A vision projector is part of the HF checkpoint vLLM loads; nothing to add.
    }
    args.push('--host', '127.0.0.1', '--port', String(port));
    return { ids, port, command: args.join(' '), share, devices };
  });
}
