// Weights, gradients and optimizer states per GPU. Byte counts follow the libraries that hold them:
// bitsandbytes NF4 for the QLoRA base, PEFT's fp32 adapters, torch AdamW's states in the parameter's
// dtype, bitsandbytes' block-wise 8-bit states, Adafactor's factored second moment, and the ZeRO paper's
// partitioning (Rajbhandari et al. 2020, "ZeRO: Memory Optimizations Toward Training Trillion Parameter Models").

import { countParameters } from '../model/params';
import { listTensors, tensorElements } from '../model/tensors';
import type { ModelSpec } from '../model/types';
import { countAdapter, quantisedLinears, type AdapterCount } from './lora';
import type { TrainComponent, TrainingSettings } from './types';

/** NF4 packs two 4-bit codes per byte; one absmax per block of 64 (bitsandbytes quantize_4bit, blocksize=64). */
const NF4_BLOCK = 64;
/** Double quantisation: the fp32 absmax values become 8-bit with one fp32 scale per 256 of them (QLoRA paper §3). */
const DQ_BLOCK = 256;
/** bitsandbytes 8-bit optimizers keep tensors under 4096 elements in 32-bit (min_8bit_size=4096). */
const MIN_8BIT_SIZE = 4096;
/** bitsandbytes block-wise 8-bit optimizer states: one fp32 absmax per 256 values (functional.py, blocksize 256). */
const OPT8_BLOCK = 256;

/** Bytes of one tensor of n elements stored as bitsandbytes NF4. */
export function nf4Bytes(n: number, doubleQuant: boolean): number {
  const blocks = Math.ceil(n / NF4_BLOCK);
  const codes = Math.ceil(n / 2);
  // Double quant: uint8 absmax per block, an fp32 scale per 256 blocks and one fp32 offset (the absmax mean).
  const scales = doubleQuant ? blocks + 4 * Math.ceil(blocks / DQ_BLOCK) + 4 : 4 * blocks;
  return codes + scales;
}

/** Bytes per element the runtime stores LoRA adapters in: PEFT upcasts them to fp32 (autocast_adapter_dtype=True); torchtune keeps bf16. */
export function adapterBytes(s: TrainingSettings): number {
  return s.runtime === 'torchtune' ? 2 : 4;
}

export interface ModelCounts {
  base: number;
  adapter: AdapterCount | null;
  trainable: number;
  /** Elements of the matrices QLoRA quantises. */
  quantisedElements: number;
  quantisedBytes: number;
  /** Trainable tensors as [rows, cols, copies] for Adafactor; vectors as [n, 1, copies]. */
  trainableMatrices: [number, number, number][];
  /** Largest trainable tensor (elements), the gradient buffer optimizer-in-backward keeps. */
  largestTrainable: number;
  /** Largest Linear of the base, dequantised to bf16 during a QLoRA forward. */
  largestLinear: number;
}

export function modelCounts(spec: ModelSpec, s: TrainingSettings): ModelCounts {
  const base = countParameters(spec).total;
  const out: ModelCounts = {
    base,
    adapter: null,
    trainable: base,
    quantisedElements: 0,
    quantisedBytes: 0,
    trainableMatrices: [],
    largestTrainable: 0,
    largestLinear: 0,
  };
  const linears = quantisedLinears(spec);
  for (const t of linears) {
    const n = tensorElements(t.shape);
    const per = t.shape.length === 3 ? n / (t.shape[2] ?? 1) : n;
    out.largestLinear = Math.max(out.largestLinear, per);
    if (s.method === 'qlora') {
      // Experts are separate Linear modules, each quantised on its own.
      const copies = t.shape.length === 3 ? (t.shape[2] ?? 1) : 1;
      out.quantisedElements += n;
      out.quantisedBytes += copies * nf4Bytes(per, s.doubleQuant);
    }
  }
  if (s.method === 'full') {
    for (const t of listTensors(spec)) {
      const [a = 1, b = 1, c = 1] = t.shape;
      out.trainableMatrices.push(t.shape.length === 1 ? [a, 1, 1] : [a, b, t.shape.length === 3 ? c : 1]);
      out.largestTrainable = Math.max(out.largestTrainable, t.shape.length === 3 ? a * b : tensorElements(t.shape));
    }
    return out;
  }
  const adapter = countAdapter(spec, s.lora);
  out.adapter = adapter;
  out.trainable = adapter.total;
  out.trainableMatrices = adapter.matrices;
  out.largestTrainable = adapter.largest;
  return out;
}

/** ZeRO / FSDP divisor for a state: stage ≥ `from` shards it over the GPUs. */
function shard(s: TrainingSettings, from: 1 | 2 | 3): number {
  return s.zero >= from ? Math.max(1, s.gpus) : 1;
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

export function weightsComponent(c: ModelCounts, s: TrainingSettings, layers: number): { gpu: TrainComponent; cpu: number } {
  let bytes: number;
  let formula: string;
  const n = shard(s, 3);
  if (s.method === 'full') {
    // HF mixed precision keeps fp32 weights plus a 16-bit copy (transformers "Anatomy of Model's Memory": 6 B/param);
    // under ZeRO the fp32 master moves into the optimizer partition and the model holds 16-bit weights.
    const per = s.precision === 'fp32' ? 4 : s.precision === 'mixed' ? (s.zero > 0 ? 2 : 6) : 2;
    bytes = c.base * per;
    formula = `${fmt(c.base)} params × ${per} B (${s.precision})`;
  } else {
    const frozenPer = s.precision === 'fp32' ? 4 : 2;
    const rest = c.base - c.quantisedElements;
    const adapter = c.trainable * adapterBytes(s);
    bytes = c.quantisedBytes + rest * frozenPer + adapter;
    formula =
      s.method === 'qlora'
        ? `${fmt(c.quantisedElements)} Linear params in NF4 (${s.doubleQuant ? 'double-quant' : 'fp32 absmax'}) = ${fmt(c.quantisedBytes)} B + ${fmt(rest)} other params × ${frozenPer} B + ${fmt(c.trainable)} adapter params × ${adapterBytes(s)} B`
        : `${fmt(c.base)} frozen params × ${frozenPer} B + ${fmt(c.trainable)} adapter params × ${adapterBytes(s)} B`;
  }
  let sharded = bytes / n;
  if (n > 1) {
    // ZeRO-3 / FSDP gather each layer's full weights before using it and prefetch the next: two layers live.
    const gathered = (2 * bytes) / Math.max(1, layers);
    sharded += gathered;
    formula += ` ÷ ${n} GPUs (ZeRO-3 / FSDP full shard) + 2 gathered layers ${Math.round(gathered)} B`;
  }
  if (s.offload === 'optimizer+params' && s.zero === 3) {
    const gathered = (2 * bytes) / Math.max(1, layers);
    return {
      gpu: { bytes: gathered, formula: `${formula}; shards held in CPU RAM (parameter offload), gathered layers on the GPU` },
      cpu: bytes / n,
    };
  }
  return { gpu: { bytes: sharded, formula }, cpu: 0 };
}

function gradBytesPer(s: TrainingSettings): number {
  if (s.method !== 'full') return adapterBytes(s);
  if (s.precision === 'fp32') return 4;
  if (s.precision === 'mixed') return s.zero > 0 ? 2 : 4;
  return 2;
}

export function gradientsComponent(c: ModelCounts, s: TrainingSettings): TrainComponent {
  const per = gradBytesPer(s);
  if (s.optimizerInBackward) {
    return {
      bytes: c.largestTrainable * per,
      formula: `optimizer in backward: one gradient of ${c.largestTrainable} elements × ${per} B at a time`,
    };
  }
  const n = shard(s, 2);
  const formula = `${fmt(c.trainable)} trainable × ${per} B${n > 1 ? ` ÷ ${n} GPUs (ZeRO-2/3)` : ''}`;
  return { bytes: (c.trainable * per) / n, formula };
}

/** Bytes one optimizer state element takes: torch optimizers allocate states like the parameter. */
function stateBytes(s: TrainingSettings): number {
  if (s.method !== 'full') return adapterBytes(s);
  return s.precision === 'bf16' ? 2 : 4;
}

function optimizerRaw(c: ModelCounts, s: TrainingSettings): { bytes: number; formula: string } {
  const sb = stateBytes(s);
  switch (s.optimizer) {
    case 'adamw':
    case 'paged-adamw':
      return { bytes: c.trainable * 2 * sb, formula: `${fmt(c.trainable)} × 2 states × ${sb} B` };
    case 'adamw-8bit':
    case 'paged-adamw-8bit': {
      let bytes = 0;
      for (const [a, b, k] of c.trainableMatrices) {
        const n = a * b;
        bytes += k * (n < MIN_8BIT_SIZE ? 8 * n : 2 * n + 2 * 4 * Math.ceil(n / OPT8_BLOCK));
      }
      return {
        bytes,
        formula: `${fmt(c.trainable)} × 2 states × 1 B + fp32 absmax per ${OPT8_BLOCK} (tensors < ${MIN_8BIT_SIZE} elements stay 32-bit)`,
      };
    }
    case 'adafactor': {
      let bytes = 0;
      for (const [a, b, k] of c.trainableMatrices) bytes += k * 4 * (b === 1 ? a : a + b);
      return { bytes, formula: 'factored second moment: (rows + cols) × 4 B per matrix, n × 4 B per vector, no first moment (beta1=None)' };
    }
    case 'sgd':
      return s.sgdMomentum
        ? { bytes: c.trainable * sb, formula: `${fmt(c.trainable)} × 1 momentum buffer × ${sb} B` }
        : { bytes: 0, formula: 'plain SGD keeps no state' };
  }
}

export function optimizerComponent(c: ModelCounts, s: TrainingSettings): { gpu: TrainComponent; cpu: number } {
  const raw = optimizerRaw(c, s);
  let { bytes, formula } = raw;
  if (s.method === 'full' && s.precision === 'mixed' && s.zero > 0) {
    bytes += c.trainable * 4;
    formula += ` + fp32 master copy ${fmt(c.trainable)} × 4 B`;
  }
  const n = shard(s, 1);
  if (n > 1) formula += ` ÷ ${n} GPUs (ZeRO-1+)`;
  const sharded = bytes / n;
  if (s.offload !== 'none') return { gpu: { bytes: 0, formula: `${formula}, held in CPU RAM (optimizer offload)` }, cpu: sharded };
  if (s.optimizer.startsWith('paged')) formula += '; paged: unified memory the driver may evict to CPU under pressure';
  return { gpu: { bytes: sharded, formula }, cpu: 0 };
}
