// The estimate's basis sentences and warnings in the UI's and the plan's language. The engine writes them
// in English (the CLI prints them as they are); each comes from one of the templates below, possibly
// several sentences joined, so they can be recognised and said in Japanese with their figures kept.
// src/core/i18n/engine-text.test.ts estimates every catalog model on every runtime with varied settings
// and fails on any sentence these templates do not know.

import type { Locale } from './format';
import { fillTemplate, matchTemplate, type Template } from './templates';

const SENTENCES: readonly Template[] = [
  ['Exact: the sum of the tensor sizes in the file header.', '正確値：ファイルヘッダーにあるテンソルサイズの合計です。'],
  [
    "Per tensor from the model's shapes with llama-quantize's {q} recipe and ggml block sizes.",
    'モデルの形状から、llama-quantize の {q} レシピと ggml のブロックサイズでテンソルごとに計算しています。',
  ],
  [
    "Per tensor from the model's shapes as {label} stores them; embeddings, norms and lm_head kept in 16-bit (MLX quantises embeddings too).",
    'モデルの形状から、{label} の格納方法でテンソルごとに計算しています。埋め込み・正規化・lm_head は 16ビットのまま（MLX は埋め込みも量子化します）。',
  ],
  [
    "Per tensor from the model's shapes as {label} stores them; embeddings, norms and lm_head kept in 16-bit.",
    'モデルの形状から、{label} の格納方法でテンソルごとに計算しています。埋め込み・正規化・lm_head は 16ビットのままです。',
  ],
  [
    'Tied embeddings: llama.cpp keeps the table in host memory and a second copy on the GPU as the output layer.',
    '埋め込み共有：llama.cpp は表をホストメモリに置き、出力層として GPU にもう一つコピーを持ちます。',
  ],
  [
    '{n} multi-token-prediction layer(s) left out: runtimes load them only to draft tokens (vLLM speculative decoding).',
    'マルチトークン予測層 {n} 層は除外しています：ランタイムはトークンの下書き（vLLM の投機的デコード）のときだけ読み込みます。',
  ],
  [
    'llama.cpp cache: {streams} stream(s) × {cells} cells (context padded to {pad:n}{unified}) × per-layer K {k} + V {v} rows{rest}.',
    'llama.cpp のキャッシュ：{streams} ストリーム × {cells} セル（コンテキストを {pad} 単位に切り上げ{unified}）× 層ごとの K {k} + V {v} 行{rest}。',
  ],
  [
    'vLLM paged cache: {n} × {tokens} tokens in {block}-token blocks × n_kv_heads·(head_size + head_size_v) × {el} B per layer{mla}.',
    'vLLM のページドキャッシュ：{n} × {tokens} トークンを {block} トークン単位のブロックで × n_kv_heads·(head_size + head_size_v) × 層ごとに {el} B{mla}。',
  ],
  // SGLang (src/core/estimate/runtimes/sglang.ts): a token pool with pages of one token, the chunked-prefill
  // activation inside the share mem_fraction_static leaves free, and the CUDA context taken before it measures.
  [
    'SGLang token pool: {n} × {tokens} tokens × n_kv_heads·(head_size + head_size_v) × {el} B per layer{mla}.',
    'SGLang のトークンプール：{n} × {tokens} トークン × n_kv_heads·(head_size + head_size_v) × 層ごとに {el} B{mla}。',
  ],
  [
    "SGLang chunked prefill of {n} tokens × (2·n_ff + 4·n_embd) activations plus the last position's logits per request; it lives in the share mem_fraction_static leaves free, with the CUDA graphs.",
    'SGLang のチャンク化プレフィル {n} トークン × (2·n_ff + 4·n_embd) の活性値と、リクエストごとの最終位置のロジット。mem_fraction_static の外に残す領域に CUDA グラフと一緒に置かれます。',
  ],
  ['SGLang keeps logits inside its activation share.', 'SGLang はロジットを活性値の領域の中に持ちます。'],
  [
    'CUDA context and NCCL buffers per GPU, about 0.5 GiB, taken before SGLang measures free memory.',
    'GPU ごとの CUDA コンテキストと NCCL バッファ、約 0.5 GiB。SGLang が空きメモリを測る前に確保されます。',
  ],
  [
    'transformers DynamicCache: {n} × {tokens} tokens × K+V per layer in {el}-byte elements, no padding.',
    'transformers の DynamicCache：{n} × {tokens} トークン × 層ごとの K+V を {el} バイト要素で、パディングなし。',
  ],
  [
    'llama.cpp graph buffer for {t}-token micro-batches, peak at {phase}; the host buffer holds the input embeddings and KQ mask ({mib} MiB).',
    '{t} トークンのマイクロバッチ用の llama.cpp グラフバッファ。ピークは {phase}。ホスト側バッファは入力埋め込みと KQ マスク（{mib} MiB）です。',
  ],
  [
    'llama.cpp output buffer: n_vocab × {n} sequence(s) × 4 B of logits, in host memory.',
    'llama.cpp の出力バッファ：ロジット n_vocab × {n} シーケンス × 4 B、ホストメモリ上。',
  ],
  // Encoder-only embedding and reranker models (src/core/estimate/encoder-compute.ts).
  [
    'llama.cpp encoder graph for {t}-token micro-batches (bidirectional attention over the batch itself), peak at {phase}; the host buffer holds the input embeddings and the T × T mask ({mib} MiB).',
    '{t} トークンのマイクロバッチ用の llama.cpp エンコーダーグラフ（アテンションはバッチ内だけの双方向）。ピークは {phase}。ホスト側バッファは入力埋め込みと T × T マスク（{mib} MiB）です。',
  ],
  [
    'No KV cache: llama.cpp creates no memory for encoder-only architectures (bert, nomic-bert, jina-bert-v3).',
    'KV キャッシュなし：llama.cpp はエンコーダーのみのアーキテクチャ（bert、nomic-bert、jina-bert-v3）にはこのメモリを作りません。',
  ],
  [
    'llama.cpp output buffer: (n_vocab + n_embd) × {n} sequence(s) × 4 B (a logits row is reserved beside each pooled embedding), in host memory.',
    'llama.cpp の出力バッファ：(n_vocab + n_embd) × {n} シーケンス × 4 B（プールした埋め込みごとにロジット 1 行分も確保されます）、ホストメモリ上。',
  ],
  [
    'An encoder takes each input in one micro-batch: with -ub {t}, inputs over {u} tokens are refused; set -ub and -b to {c} to embed inputs of the full context.',
    'エンコーダーは入力を 1 つのマイクロバッチで処理します：-ub {t} では {u} トークンを超える入力は拒否されます。コンテキストいっぱいの入力を埋め込むには -ub と -b を {c} にしてください。',
  ],
  [
    'CUDA/ROCm context and driver allocations per GPU, about 0.5 GiB (0.3–1 GiB in public logs).',
    'GPU ごとの CUDA/ROCm コンテキストとドライバーの確保分、約 0.5 GiB（公開ログでは 0.3〜1 GiB）。',
  ],
  [
    'transformers prefill of {n} tokens: (3·n_ff + 4·n_embd) activations per token in 16-bit plus fp32 logits of the last position.',
    'transformers の {n} トークンのプレフィル：トークンあたり (3·n_ff + 4·n_embd) の 16ビット活性値と、最後の位置の fp32 ロジット。',
  ],
  ['transformers keeps logits inside its activation peak.', 'transformers はロジットを活性値のピークの中に持ちます。'],
  [
    'CUDA context and the caching allocator’s slack per GPU, about 0.5 GiB, outside torch’s allocated figure.',
    'GPU ごとの CUDA コンテキストとキャッシュアロケーターの余剰、約 0.5 GiB（torch の確保量の外側）。',
  ],
  [
    "vLLM V1 profiling peak, tensor parallel 1: the larger of the {n}-token forward pass × (2·n_ff + 4·n_embd) and the sampler's {seqs} rows × n_vocab × {b} B plus two copies of the hidden states, in {dtype}-byte activations.",
    'vLLM V1 のプロファイリング時ピーク（テンソル並列 1）：{n} トークンの順伝播 × (2·n_ff + 4·n_embd) と、サンプラーの {seqs} 行 × n_vocab × {b} B に隠れ状態 2 コピーを加えたものの大きい方、{dtype} バイト活性値。',
  ],
  [
    "vLLM V1 profiling peak, tensor parallel 1: the larger of the {n}-token forward pass × (2·n_ff + 4·n_embd) and the sampler's {seqs} rows × n_vocab × {b} B plus two copies of the hidden states, in {dtype}-byte activations, plus the fused MoE kernel's workspace, up to {chunk} tokens × top_k × (max(2·n_ff_exp, n_embd) + n_ff_exp).",
    'vLLM V1 のプロファイリング時ピーク（テンソル並列 1）：{n} トークンの順伝播 × (2·n_ff + 4·n_embd) と、サンプラーの {seqs} 行 × n_vocab × {b} B に隠れ状態 2 コピーを加えたものの大きい方、{dtype} バイト活性値。さらに fused MoE カーネルのワークスペース（最大 {chunk} トークン × top_k × (max(2·n_ff_exp, n_embd) + n_ff_exp)）。',
  ],
  ['vLLM keeps logits inside its activation peak.', 'vLLM はロジットを活性値のピークの中に持ちます。'],
  [
    'CUDA context (~0.5 GiB) plus vLLM non-torch memory (~0.15 GiB on one GPU; up to ~1.8 GiB on H100 and more per GPU with tensor parallelism).',
    'CUDA コンテキスト（約 0.5 GiB）と vLLM の torch 外メモリ（GPU 1 基で約 0.15 GiB、H100 では最大約 1.8 GiB、テンソル並列では GPU ごとにさらに増加）。',
  ],
  [
    '{q} is not a format {rt} loads; its weights are shown as {q2} stores them.',
    '{q} は {rt} が読み込む形式ではありません。重みは {q2} の格納サイズで表示しています。',
  ],
  [
    "A context of {n} tokens is above the model's trained {max}; quality may drop.",
    'コンテキスト {n} トークンはモデルの学習時の {max} を超えています。品質が下がる可能性があります。',
  ],
  ['llama.cpp has no fp8 KV cache; q8_0 was assumed.', 'llama.cpp には fp8 の KV キャッシュがないため、q8_0 と仮定しました。'],
  [
    'llama.cpp needs flash attention for a quantised V cache; turn flash attention on or use an f16 V cache.',
    'llama.cpp で V キャッシュを量子化するには Flash Attention が必要です。Flash Attention をオンにするか、f16 の V キャッシュを使ってください。',
  ],
  // MLX (estimate/runtimes/mlx.ts, mlx-memory.ts).
  [
    "Per tensor from the model's shapes as {label} stores them: mlx_lm quantises every Linear and Embedding (lm_head too) whose width divides the group; norms, biases and conv kernels stay 16-bit.",
    'モデルの形状から、{label} の格納方法でテンソルごとに計算しています。mlx_lm は入力幅がグループで割り切れるすべての Linear と Embedding（lm_head も）を量子化し、正規化・バイアス・畳み込みカーネルは 16ビットのままです。',
  ],
  [
    'mlx_lm KVCache: {p:n} × {c:n} cells (grown in steps of {s:n}) × K+V per layer in the model dtype{rest}.',
    'mlx_lm の KVCache：{p} × {c} セル（{s} ずつ拡張）× 層ごとの K+V をモデルのデータ型で保持{rest}。',
  ],
  [
    "MLX prefill of {n:n}-token chunks (--prefill-step-size): (3·n_ff + 4·n_embd) activations per token in the model dtype{rest}, and one layer's cache copy while the cache grows ({y} GB).",
    'MLX のプリフィルは {n} トークンずつ（--prefill-step-size）。内訳はトークンあたり (3·n_ff + 4·n_embd) の活性値（モデルのデータ型）{rest}、およびキャッシュ拡張中の 1 層分のコピー（{y} GB）です。',
  ],
  [
    'Logits and log-probabilities of the last position only (mlx_lm never evaluates the logits of prefill chunks).',
    '最後の位置のロジットと対数確率のみ（mlx_lm はプリフィル中のチャンクのロジットを評価しません）。',
  ],
  [
    "No per-device context: MLX's peak memory counts its own buffers only. mlx_lm.server also keeps finished requests' caches (--prompt-cache-size 10 by default) unless --prompt-cache-bytes caps them.",
    'デバイスごとのコンテキストはありません。MLX のピークメモリは MLX 自身のバッファーだけを数えます。mlx_lm.server は終了したリクエストのキャッシュも保持します（既定で --prompt-cache-size 10）。--prompt-cache-bytes で上限を設定できます。',
  ],
  [
    "mlx_lm.server keeps up to {x} GB of earlier requests' caches (--prompt-cache-bytes); Metal itself adds no context to MLX's peak memory.",
    'mlx_lm.server は以前のリクエストのキャッシュを最大 {x} GB 保持します（--prompt-cache-bytes）。Metal 自体は MLX のピークメモリにコンテキスト分を加えません。',
  ],
  [
    'MLX has no fp8 KV cache; use --kv-bits 8 instead.',
    'MLX には fp8 の KV キャッシュがありません。代わりに --kv-bits 8 を使ってください。',
  ],
  [
    'mlx_lm quantises K and V together (--kv-bits); the K cache type decides both.',
    'mlx_lm は K と V をまとめて量子化します（--kv-bits）。両方とも K キャッシュの型に従います。',
  ],
  [
    'mlx_lm cannot quantise a rotating cache (--max-kv-size); the cache stays in the model dtype.',
    'mlx_lm はローテーションするキャッシュ（--max-kv-size）を量子化できないため、キャッシュはモデルのデータ型のままです。',
  ],
  [
    'Long prompts on this model materialise {x} GB of attention scores per prefill chunk in MLX; a smaller --prefill-step-size such as 512 cuts that fourfold.',
    'このモデルでは長いプロンプトのとき、MLX がプリフィルのチャンクごとに {x} GB のアテンションスコアを実体化します。--prefill-step-size を 512 などに小さくすると 4 分の 1 になります。',
  ],
];

/** Pieces inside the llama.cpp cache sentence, each optional. */
const FRAGMENTS: readonly Template[] = [
  [', unified', '、統合'],
  [' (MLA latent, V is a view of K)', '（MLA の潜在表現。V は K のビュー）'],
  ["plus the indexer's {d}-wide key per token", 'とインデクサーのトークンあたり {d} 幅のキー'],
  [', sliding layers keep {n} cells (--swa-full)', '、スライディング層は {n} セル（--swa-full）'],
  [
    ', sliding layers keep {n} cells (window + ubatch, padded to 256)',
    '、スライディング層は {n} セル（ウィンドウ + ubatch、256 単位に切り上げ）',
  ],
  [
    '; {n} recurrent layers hold {m} f32 state values each per sequence instead (RS buffer, independent of context)',
    '。リカレント層 {n} 層は代わりにシーケンスごとに各 {m} 個の f32 状態値を持ちます（RS バッファ、コンテキストに依存しません）',
  ],
  [' (MLA latent)', '（MLA の潜在表現）'],
  [
    ", plus the indexer's {d}-wide fp8 key and its fp32 scale per {q} ({b} B per layer)",
    '、さらにインデクサーの {d} 幅の fp8 キーと {q} 要素ごとの fp32 スケール（層ごとに {b} B）',
  ],
  // MLX cache and prefill pieces.
  [
    ', quantised to {b} bits in groups of {g} (scale + bias per group) once {s} tokens are cached',
    '、{s} トークンを超えると {b} ビット・グループ {g}（グループごとにスケールとバイアス）に量子化',
  ],
  [' (--kv-bits {b} starts at {s} tokens, beyond this context)', '（--kv-bits {b} は {s} トークンから。このコンテキストでは未適用）'],
  [
    '; --max-kv-size {n} keeps a rotating cache (peak max + prefill chunk − 1)',
    '。--max-kv-size {n} でローテーションするキャッシュ（ピークは上限 + プリフィルのチャンク − 1）',
  ],
  ['; sliding layers keep a rotating cache of {n} cells', '。スライディング層は {n} セルのローテーションするキャッシュ'],
  [', fused attention (no score matrix)', '、融合アテンション（スコア行列なし）'],
  [
    ", plus {x} GB of attention scores and causal mask: head_dim {h} has no fused prefill kernel, so one layer's n_heads × chunk × cached-tokens scores are materialised",
    '、アテンションスコアと因果マスク {x} GB（head_dim {h} には融合プリフィルカーネルがないため、1 層分の n_heads × チャンク × キャッシュ済みトークンのスコアを実体化）',
  ],
];

const PHASES: readonly Template[] = [
  ['the attention matrix n_ctx × n_ubatch × n_head × 4 B', 'アテンション行列 n_ctx × n_ubatch × n_head × 4 B'],
  ['the logits n_vocab × n_ubatch × 4 B', 'ロジット n_vocab × n_ubatch × 4 B'],
  ['the FFN intermediates', 'FFN の中間値'],
  ['the FFN (or Q/K/V) activations and the f16 T × T mask', 'FFN（または Q/K/V）の活性値と f16 の T × T マスク'],
  ['the attention matrix T × T × n_head × 4 B', 'アテンション行列 T × T × n_head × 4 B'],
];

/** Known fragments replaced one by one; null when something is left that no fragment explains. */
function fragments(text: string): string | null {
  let rest = text;
  let out = '';
  while (rest.trim().length > 0) {
    rest = rest.replace(/^ +/, '');
    let hit = false;
    for (const [en, ja] of FRAGMENTS) {
      const pattern = en.trimStart();
      const prefix = pattern.split('{')[0]!;
      if (!rest.startsWith(prefix)) continue;
      // The shortest piece of `rest` that this fragment matches whole.
      for (let end = prefix.length; end <= rest.length && !hit; end += 1) {
        const m = matchTemplate([[pattern, ja]], rest.slice(0, end));
        if (m) {
          out += fillTemplate(m.ja, m.params);
          rest = rest.slice(end);
          hit = true;
        }
      }
      if (hit) break;
    }
    if (!hit) return null;
  }
  return out;
}

/** Splits on sentence ends that start another sentence ("…rows. Tied embeddings: …"). */
function sentences(text: string): string[] {
  return text.split(/(?<=\.) (?=[A-Z0-9])/);
}

function translateSentence(s: string): string | null {
  const m = matchTemplate(SENTENCES, s);
  if (!m) return null;
  const p = { ...m.params };
  for (const key of ['unified', 'rest', 'mla'] as const) {
    if (p[key] === undefined || p[key] === '') continue;
    const f = fragments(p[key]);
    if (f === null) return null;
    p[key] = f;
  }
  if (p['phase'] !== undefined) {
    const ph = matchTemplate(PHASES, p['phase']);
    if (!ph) return null;
    p['phase'] = ph.ja;
  }
  return fillTemplate(m.ja, p);
}

/** True when every sentence of `text` is one the catalog knows (for the coverage test). */
export function isKnownEngineText(text: string): boolean {
  return sentences(text).every((s) => translateSentence(s) !== null);
}

/** A basis or warning of the estimate in `locale`; sentences the catalog does not know stay as they are. */
export function localizeEngineText(locale: Locale, text: string): string {
  if (locale === 'en') return text;
  return sentences(text)
    .map((s) => translateSentence(s) ?? s)
    .join('');
}
