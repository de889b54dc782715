// The training estimate's formulas, peak line, speed basis and notes in the UI's and the plan's language.
// src/core/train writes them in English (the CLI prints them as they are) by joining a handful of fixed
// phrases around figures, so they are said in Japanese phrase by phrase: every rule below rewrites one
// phrase core/train emits and leaves the figures between phrases untouched. src/core/i18n/train-text.test.ts
// estimates catalog models over methods, optimizers, checkpointing, ZeRO and trainers and fails on any
// English word left over or any figure lost.

import type { Locale } from './format';

type Rule = readonly [en: RegExp, ja: string];

// Whole notes (src/core/train/estimate.ts runtimeNotes).
const NOTES: readonly Rule[] = [
  [
    /^Activations of recurrent and latent-attention \(MLA\) layers are approximated with the standard attention-layer formula\.$/,
    '再帰層と潜在アテンション（MLA）層の活性値は、標準的なアテンション層の式で近似しています。',
  ],
  [
    /^Unsloth: offloaded gradient checkpointing keeps layer inputs in CPU RAM; its fused cross-entropy never upcasts the logits\.$/,
    'Unsloth：オフロード型の勾配チェックポイントで層の入力を CPU RAM に置きます。融合クロスエントロピーはロジットをアップキャストしません。',
  ],
  [
    /^axolotl: transformers \+ PEFT underneath; flash attention and sample packing as configured\.$/,
    'axolotl：内部は transformers + PEFT。FlashAttention とサンプルパッキングは設定どおりです。',
  ],
  [
    /^torchtune: pure bf16 \(optimizer states in bf16\), chunked cross-entropy, adapters in bf16\.$/,
    'torchtune：純粋な bf16（オプティマイザー状態も bf16）、チャンク化クロスエントロピー、アダプタも bf16 です。',
  ],
  [
    /^QLoRA base in NF4 with double quantisation; embeddings, norms and lm_head stay bf16\.$/,
    'QLoRA のベースは NF4（二重量子化あり）。埋め込み・正規化・lm_head は bf16 のままです。',
  ],
  [
    /^QLoRA base in NF4 without double quantisation; embeddings, norms and lm_head stay bf16\.$/,
    'QLoRA のベースは NF4（二重量子化なし）。埋め込み・正規化・lm_head は bf16 のままです。',
  ],
  [
    /^Paged optimizer states live in unified memory and can be evicted to CPU RAM under pressure\.$/,
    'ページドオプティマイザーの状態はユニファイドメモリに置かれ、メモリが逼迫すると CPU RAM へ退避されることがあります。',
  ],
];

// Phrases of the formulas (src/core/train/states.ts, activations.ts, memory.ts, speed.ts), longest and most
// specific first so a shorter phrase never eats part of a longer one.
const PHRASES: readonly Rule[] = [
  // optimizer states
  [
    /factored second moment: \(rows \+ cols\) × 4 B per matrix, n × 4 B per vector, no first moment \(beta1=None\)/g,
    '二次モーメントを分解：行列ごとに (行 + 列) × 4 B、ベクトルごとに n × 4 B、一次モーメントなし（beta1=None）',
  ],
  [/plain SGD keeps no state/g, '素の SGD は状態を持ちません'],
  [
    / \+ fp32 absmax per (\d+) \(tensors < ([\d,]+) elements stay 32-bit\)/g,
    ' + fp32 absmax（$1 要素ごと。$2 要素未満のテンソルは 32 ビットのまま）',
  ],
  [/ × 2 states × /g, ' × 状態 2 個 × '],
  [/ × 1 momentum buffer × /g, ' × モーメンタムバッファ 1 個 × '],
  [/ \+ fp32 master copy /g, ' + fp32 マスターコピー '],
  [/, held in CPU RAM \(optimizer offload\)/g, '、CPU RAM に保持（オプティマイザーのオフロード）'],
  [
    /; paged: unified memory the driver may evict to CPU under pressure/g,
    '。ページド：メモリ逼迫時にドライバが CPU へ退避できるユニファイドメモリ',
  ],
  // gradients
  [/optimizer in backward: one gradient of (\d+) elements × /g, '逆伝播中に更新：一度に勾配 1 個分（$1 要素）× '],
  [/ B at a time/g, ' B'],
  [/([\d,]+) trainable × /g, '学習対象 $1 個 × '],
  // weights
  [/ Linear params in NF4 \(double-quant\) = /g, ' 個の Linear パラメータを NF4（二重量子化）で = '],
  [/ Linear params in NF4 \(fp32 absmax\) = /g, ' 個の Linear パラメータを NF4（fp32 absmax）で = '],
  [/ other params × /g, ' 個のその他のパラメータ × '],
  [/ frozen params × /g, ' 個の凍結パラメータ × '],
  [/ adapter params × /g, ' 個のアダプタパラメータ × '],
  [/ params × (\d+) B \(mixed\)/g, ' パラメータ × $1 B（混合精度）'],
  [/ params × (\d+) B \((bf16|fp32)\)/g, ' パラメータ × $1 B（$2）'],
  [/ GPUs \(ZeRO-3 \/ FSDP full shard\) \+ 2 gathered layers /g, ' GPU（ZeRO-3 / FSDP フルシャード）+ 集約した 2 層 '],
  [
    /; shards held in CPU RAM \(parameter offload\), gathered layers on the GPU/g,
    '。シャードは CPU RAM（パラメータのオフロード）、集約した層は GPU 上',
  ],
  [/ GPUs \((ZeRO-2\/3|ZeRO-1\+)\)/g, ' GPU（$1）'],
  // activations and logits
  [/checkpointed: /g, 'チェックポイント：'],
  [/ layer inputs × /g, ' 層の入力 × '],
  [/ layers × /g, ' 層 × '],
  [/ tokens offloaded to CPU/g, ' トークン（CPU へ退避）'],
  [/ tokens in CPU RAM/g, ' トークン（CPU RAM 上）'],
  [/; one layer recomputed: /g, '。再計算する 1 層：'],
  [/ B\/token/g, ' B/トークン'],
  [/ tokens/g, ' トークン'],
  [/ vocab × /g, ' 語彙 × '],
  [/bf16 logits; fp32 only per chunk \(chunked CE\)/g, 'bf16 のロジット。fp32 はチャンクごとのみ（チャンク化 CE）'],
  [/ fp32 upcast 4 B \+ fp32 log-softmax\/grad 4 B/g, ' fp32 への変換 4 B + fp32 の log-softmax/勾配 4 B'],
  // overhead and the total's peak line
  [/CUDA context 500 MiB \+ allocator slack ([\d.]+) % of tensors/g, 'CUDA コンテキスト 500 MiB + アロケータの余裕（テンソルの $1 %）'],
  [/weights \+ optimizer \+ overhead \+ /g, '重み + オプティマイザー + オーバーヘッド + '],
  [/saved activations /g, '保存した活性値 '],
  [/one recomputed layer /g, '再計算する 1 層 '],
  [/one layer /g, '1 層 '],
  [/gradients /g, '勾配 '],
  [/logits /g, 'ロジット '],
  // speed basis
  [/ \(matmul params: active without the input embedding lookup\)/g, '（行列積パラメータ＝入力埋め込みの参照を除くアクティブパラメータ）'],
  [/ × matmul params \(recompute\)/g, ' × 行列積パラメータ（再計算）'],
  [/ × matmul params/g, ' × 行列積パラメータ'],
  [/ × adapter params/g, ' × アダプタパラメータ'],
  [/ \+ attention/g, ' + アテンション'],
  [/; × (\d+) GPU × /g, '。× $1 GPU × '],
];

function translate(text: string): string {
  for (const [re, ja] of NOTES) if (re.test(text)) return ja;
  let out = text;
  for (const [re, ja] of PHRASES) out = out.replace(re, ja);
  return out;
}

/** A training formula, peak line, speed basis or note in `locale`; unknown phrases stay as they are. */
export function localizeTrainText(locale: Locale, text: string): string {
  return locale === 'en' ? text : translate(text);
}
