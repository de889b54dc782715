// Hugging Face config.json → ModelSpec for encoder-only embedding and reranker models: BERT
// (bge-large, gte, e5 English), XLM-RoBERTa (bge-m3, multilingual-e5, bge-reranker-v2-m3), NomicBERT
// (nomic-embed-text) and Jina v3 (XLM-RoBERTa with rotary positions). They map to llama.cpp's "bert",
// "nomic-bert" and "jina-bert-v3" architectures, which create no KV cache (llama_model::create_memory
// returns nullptr for them) and need each input in one micro-batch.
//
// Traps handled here: RoBERTa's position table holds max_position_embeddings rows but two of them are the
// padding offset, so the usable length is two less (8194 → 8192, 514 → 512) and convert_hf_to_gguf keeps
// only the usable rows; a *Model checkpoint carries a pooler (dense h × h + h) that the converter drops; a *ForSequenceClassification head is llama.cpp's
// cls (h × h) + cls.output (h × labels); NomicBERT writes its sizes under GPT-2 names (n_embd, n_inner).

import { isObject, num, required, type Json } from './hf-fields';
import type { ModelSpec } from './types';

interface EncoderImport {
  spec: ModelSpec;
  warnings: string[];
  notes: string[];
}

const BERT_TYPES = new Set(['bert', 'xlm-roberta', 'roberta', 'nomic_bert']);

function architectures(config: Json): string[] {
  const a = config.architectures;
  return Array.isArray(a) ? a.filter((x): x is string => typeof x === 'string') : [];
}

/** True for a config this importer sizes (an encoder-only family), so the decoder importer steps aside. */
export function isEncoderConfig(config: Json): boolean {
  return typeof config.model_type === 'string' && BERT_TYPES.has(config.model_type);
}

function labelsOf(config: Json): number {
  const n = num(config, 'num_labels');
  if (n !== undefined) return n;
  const id2label = config.id2label;
  // transformers' PretrainedConfig defaults to two labels when id2label is absent.
  return isObject(id2label) ? Math.max(1, Object.keys(id2label).length) : 2;
}

/** NomicBERT: GPT-2 style names, SwiGLU FFN, rotary positions, fused Wqkv, biases switched per projection. */
function nomicShape(c: Json): Pick<ModelSpec, 'hiddenSize' | 'layers' | 'heads' | 'intermediateSize' | 'maxContext' | 'gatedFfn' | 'bias'> {
  const act = typeof c.activation_function === 'string' ? c.activation_function : 'swiglu';
  return {
    hiddenSize: required(c, 'hidden_size', 'n_embd', 'hidden_size'),
    layers: required(c, 'num_hidden_layers', 'n_layer', 'num_hidden_layers'),
    heads: required(c, 'num_attention_heads', 'n_head', 'num_attention_heads'),
    intermediateSize: required(c, 'intermediate_size', 'n_inner', 'intermediate_size'),
    maxContext: num(c, 'n_positions', 'max_position_embeddings') ?? 8192,
    gatedFfn: act === 'swiglu' || act === 'geglu',
    bias: { qkv: c.qkv_proj_bias !== false, attnOut: c.qkv_proj_bias !== false, ffn: c.mlp_fc1_bias !== false },
  };
}

function bertShape(
  c: Json,
  roberta: boolean,
): Pick<ModelSpec, 'hiddenSize' | 'layers' | 'heads' | 'intermediateSize' | 'maxContext' | 'gatedFfn' | 'bias'> {
  const positions = num(c, 'max_position_embeddings') ?? 512;
  return {
    hiddenSize: required(c, 'hidden_size', 'hidden_size'),
    layers: required(c, 'num_hidden_layers', 'num_hidden_layers'),
    heads: required(c, 'num_attention_heads', 'num_attention_heads'),
    intermediateSize: required(c, 'intermediate_size', 'intermediate_size'),
    // RoBERTa numbers positions from padding_idx + 1, so two rows are never a real position.
    maxContext: roberta ? positions - 2 : positions,
    gatedFfn: false,
    bias: { qkv: true, attnOut: true, ffn: true },
  };
}

export function specFromEncoderConfig(config: Json, opts: { id?: string; name?: string } = {}): EncoderImport {
  const modelType = String(config.model_type);
  const arch = architectures(config);
  const warnings: string[] = [];
  const notes: string[] = [];
  const nomic = modelType === 'nomic_bert';
  const roberta = modelType === 'xlm-roberta' || modelType === 'roberta';
  const rotary = nomic || config.position_embedding_type === 'rotary';
  const shape = nomic ? nomicShape(config) : bertShape(config, roberta);
  const vocab = required(config, 'vocab_size', 'vocab_size');
  const classifier = arch.some((a) => a.endsWith('ForSequenceClassification'));
  // A base *Model checkpoint keeps BERT's pooler; a classifier's pooler (BERT) becomes llama.cpp's cls layer.
  const pooler = !classifier && !nomic ? shape.hiddenSize * shape.hiddenSize + shape.hiddenSize : 0;
  const jinaV3 = roberta && rotary;
  if (jinaV3 && Array.isArray(config.lora_adaptations)) {
    warnings.push(
      'The task LoRA adapters (lora_adaptations) are not counted: llama.cpp loads them as separate adapter files; the base encoder is sized.',
    );
  }
  // convert_hf_to_gguf drops RoBERTa's two padding-offset rows, so the GGUF table is the usable length.
  const tableRows = num(config, 'max_position_embeddings') ?? 512;
  const positions = rotary ? 0 : roberta ? tableRows - 2 : tableRows;
  const droppedRows = rotary ? 0 : tableRows - positions;
  const nameOrPath = typeof config._name_or_path === 'string' && config._name_or_path ? config._name_or_path : null;
  const headDim = Math.floor(shape.hiddenSize / shape.heads);
  const spec: ModelSpec = {
    id: opts.id ?? nameOrPath ?? `hf-${modelType}`,
    name: opts.name ?? opts.id ?? nameOrPath ?? `Imported ${modelType}`,
    architecture: nomic ? 'nomic-bert' : jinaV3 ? 'jina-bert-v3' : 'bert',
    ...shape,
    kvHeads: shape.heads,
    headDimK: headDim,
    headDimV: headDim,
    vocabSize: vocab,
    // No output head at all: the pooled hidden state (or the cls head) is the result.
    tiedEmbeddings: false,
    norm: 'layer',
    normBias: true,
    normsPerLayer: 2,
    qkNorm: false,
    encoder: {
      positions,
      tokenTypes: num(config, 'type_vocab_size') ?? 2,
      fusedQkv: nomic || jinaV3,
      ...(classifier ? { classifier: { labels: labelsOf(config) } } : {}),
      unloadedParameters: pooler + droppedRows * shape.hiddenSize,
    },
    basis: 'config',
  };
  if (pooler > 0)
    notes.push("The checkpoint's pooler (dense h × h + h) is counted in the parameters but not loaded: llama.cpp's converter drops it.");
  return { spec, warnings, notes };
}
