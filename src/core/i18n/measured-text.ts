// What the runtime-output readers and the planned-vs-measured comparisons say (src/core/measured,
// src/core/check), in the UI's and the plan's language. Core writes these sentences in English (the CLI
// prints them as they are); each comes from one of the templates below, so it can be recognised and said
// in Japanese with its figures, device names and quoted tool text kept. src/core/i18n/measured-text.test.ts
// reads every fixture in tests/fixtures/measured and fails on any sentence these templates do not know.

import { localizeEngineText } from './engine-text';
import type { Locale } from './format';
import { fillTemplate, matchTemplate, type Template } from './templates';

/** read.ts's RUN_KIND_LABELS, as the summary line starts. */
const LABELS: Readonly<Record<string, string>> = {
  'llama.cpp start-up log': 'llama.cpp の起動ログ',
  'llama-bench results': 'llama-bench の結果',
  'llama-batched-bench results': 'llama-batched-bench の結果',
  'llama.cpp fit-params output': 'llama.cpp の fit-params 出力',
  'vLLM start-up log': 'vLLM の起動ログ',
  'vLLM serving benchmark': 'vLLM のサービングベンチマーク',
  '`ollama ps` table': '`ollama ps` の表',
  'Ollama server log': 'Ollama のサーバーログ',
  'LM Studio log': 'LM Studio のログ',
  'nvidia-smi output': 'nvidia-smi の出力',
  'rocm-smi output': 'rocm-smi の出力',
  'Unrecognised text': '認識できないテキスト',
};

/** The short names in "found, found; no missing" summaries (text.ts ParseNotes). */
const ITEMS: readonly Template[] = [
  ['nothing usable', '使える情報なし'],
  ['engine settings', 'エンジン設定'],
  ['engine config line', 'エンジン設定の行'],
  ['weights', '重み'],
  ['peak activation', '活性値のピーク'],
  ['non-torch memory', 'torch 外メモリ'],
  ['KV cache memory', 'KV キャッシュのメモリ'],
  ['KV cache size in tokens', 'KV キャッシュのトークン数'],
  ['KV cache size', 'KV キャッシュのサイズ'],
  ['GPU blocks', 'GPU ブロック数'],
  ['maximum concurrency', '最大同時実行数'],
  ['{n:n} workers', 'ワーカー {n} 個'],
  ['requests', 'リクエスト数'],
  ['output throughput', '出力スループット'],
  ['TTFT', 'TTFT'],
  ['TPOT', 'TPOT'],
  ['ITL', 'ITL'],
  ['concurrency', '同時実行数'],
  ['{n:n} result rows', '結果 {n} 行'],
  ['settings line (n_kv_max, flash_attn)', '設定行（n_kv_max, flash_attn）'],
  ['projection for {d}', '{d} の見込み'],
  ['per-device estimate for {d}', '{d} のデバイスごとの見積もり'],
  ['per-device figures', 'デバイスごとの値'],
  ['fit outcome', 'フィットの結果'],
  ['suggested arguments', '推奨引数'],
  ['{n:n} log entries', 'ログ {n} 件'],
  ['model buffers', 'モデルのバッファ'],
  ['KV cache buffers', 'KV キャッシュのバッファ'],
  ['compute buffers', '計算バッファ'],
  ['context settings', 'コンテキスト設定'],
  ['{g:n}/{t:n} layers on the GPU', 'GPU 上の層 {g}/{t}'],
  ['memory used per GPU', 'GPU ごとの使用メモリ'],
  ['per-process memory', 'プロセスごとのメモリ'],
  ["Ollama's estimate", 'Ollama の見積もり'],
  ['memory on {d}', '{d} のメモリ'],
  ['llama.cpp buffer lines', 'llama.cpp のバッファ行'],
  ['memory lines', 'メモリの行'],
  ['context size', 'コンテキストサイズ'],
  ['layers offloaded', 'オフロードした層'],
  ['{n:n} loaded model(s)', '読み込み中のモデル {n} 個'],
  ['size', 'サイズ'],
  ['GPU share', 'GPU の割合'],
  ['context', 'コンテキスト'],
  ['model rows', 'モデルの行'],
];

/** Whole sentences: the llama.cpp readers' findings, every parser's problems, the comparisons' notes. */
const SENTENCES: readonly Template[] = [
  ['Model: {x}, {p:n} B parameters.', 'モデル: {x}、パラメータ {p} B。'],
  ['Model: {x}.', 'モデル: {x}。'],
  [
    'Context: n_ctx {a}, {b} per sequence, {c} sequence(s), ubatch {d}, flash attention {fa}, KV {kv}.',
    'コンテキスト: n_ctx {a}、シーケンスあたり {b}、シーケンス数 {c}、ubatch {d}、Flash Attention {fa}、KV {kv}。',
  ],
  ['{g:n} of {t:n} layers on the GPU.', 'GPU 上の層 {g}/{t}。'],
  ['Buffers on {d}.', 'バッファのあるデバイス: {d}。'],
  ["llama.cpp's memory table: {x}.", 'llama.cpp のメモリ表: {x}。'],
  ['{n:n} llama-bench result(s) ({f}): {tests}.', 'llama-bench の結果 {n} 件（{f}）: {tests}。'],
  ['The input is not text.', '入力がテキストではありません。'],
  ['The text is empty.', 'テキストが空です。'],
  ['Only the first {n:n} MiB of the text were read.', 'テキストは先頭の {n} MiB だけを読みました。'],
  ['Only the first {n:n} MiB of the log were read.', 'ログは先頭の {n} MiB だけを読みました。'],
  [
    'Paste a start-up log (llama-server, vLLM, Ollama, LM Studio), a benchmark table (llama-bench, llama-batched-bench, vLLM bench serve) or memory readings (nvidia-smi, rocm-smi, ollama ps) as the tool printed them.',
    '起動ログ（llama-server・vLLM・Ollama・LM Studio）、ベンチマークの表（llama-bench・llama-batched-bench・vLLM bench serve）、メモリの読み取り値（nvidia-smi・rocm-smi・ollama ps）を、ツールが出力したとおりに貼り付けてください。',
  ],
  [
    'No llama-batched-bench table (| PP | TG | B | N_KV | ... | S_TG t/s |) was recognised.',
    'llama-batched-bench の表（| PP | TG | B | N_KV | ... | S_TG t/s |）が見つかりませんでした。',
  ],
  ['A table row was not understood: "{x}".', '表の行を読み取れませんでした: "{x}"。'],
  ['A row was not understood: "{x}".', '行を読み取れませんでした: "{x}"。'],
  [
    'No llama.cpp fit line was recognised (llama_params_fit / --fit-print output).',
    'llama.cpp のフィット行（llama_params_fit / --fit-print の出力）が見つかりませんでした。',
  ],
  ['A result without avg_ts, n_prompt and n_gen was skipped.', 'avg_ts・n_prompt・n_gen のない結果は飛ばしました。'],
  ['No llama-bench table, CSV or JSON was recognised.', 'llama-bench の表・CSV・JSON が見つかりませんでした。'],
  ['A llama-bench {f} header was found but no result rows.', 'llama-bench の {f} の見出しはありましたが、結果の行がありません。'],
  [
    'The log loads a model more than once; only the last load is compared.',
    'ログでモデルが複数回読み込まれています。最後の読み込みだけを比べます。',
  ],
  [
    'The log loads a model more than once; only the last load is read.',
    'ログでモデルが複数回読み込まれています。最後の読み込みだけを読みます。',
  ],
  [
    'No llama.cpp start-up line was recognised (print_info, llama_context or "buffer size" lines).',
    'llama.cpp の起動時の行（print_info・llama_context・"buffer size" の行）が見つかりませんでした。',
  ],
  ['The log looks cut short: no {items}.', 'ログが途中で切れているようです。次がありません: {items}。'],
  [
    'No LM Studio log entry ("YYYY-MM-DD HH:MM:SS [DEBUG]") was recognised.',
    'LM Studio のログ行（"YYYY-MM-DD HH:MM:SS [DEBUG]"）が見つかりませんでした。',
  ],
  ['No nvidia-smi table or --query CSV was recognised.', 'nvidia-smi の表も --query の CSV も見つかりませんでした。'],
  [
    'Some processes show no memory figure (N/A): Windows in WDDM mode does not report it.',
    'メモリ量が N/A のプロセスがあります。WDDM モードの Windows はこの値を報告しません。',
  ],
  [
    'No Ollama memory line was recognised (msg=offload, "model weights", "kv cache", "compute graph").',
    'Ollama のメモリの行（msg=offload・"model weights"・"kv cache"・"compute graph"）が見つかりませんでした。',
  ],
  [
    'No `ollama ps` header (NAME  ID  SIZE  PROCESSOR  UNTIL) was recognised.',
    '`ollama ps` の見出し（NAME  ID  SIZE  PROCESSOR  UNTIL）が見つかりませんでした。',
  ],
  ['rocm-smi: per-process figures are not supported on this system.', 'rocm-smi: このシステムではプロセスごとの値に対応していません。'],
  [
    'No rocm-smi memory figures (--showmeminfo vram, --showpids) were recognised.',
    'rocm-smi のメモリの値（--showmeminfo vram・--showpids）が見つかりませんでした。',
  ],
  [
    'No "Serving Benchmark Result" block or benchmark result JSON was recognised.',
    '"Serving Benchmark Result" のブロックもベンチマーク結果の JSON も見つかりませんでした。',
  ],
  [
    'No vLLM start-up line was recognised (engine config, memory profile, KV cache or concurrency lines).',
    'vLLM の起動時の行（エンジン設定・メモリプロファイル・KV キャッシュ・同時実行数の行）が見つかりませんでした。',
  ],
  // The comparisons' notes (compare.ts, compare-vllm.ts, compare-readings.ts, check/*.ts).
  ['No file type in the log; assumed {q}.', 'ログにファイル形式がないため、{q} と仮定しました。'],
  ['No context size in the log; assumed {n}.', 'ログにコンテキストサイズがないため、{n} と仮定しました。'],
  [
    'Flash attention was "auto" and the log does not say what it chose; assumed {x}.',
    'Flash Attention が "auto" で、ログに実際の選択が書かれていないため、{x} と仮定しました。',
  ],
  [
    'No "layer N assigned to device" lines: the layer split ({split}) was read from each GPU\'s share of the KV cache.',
    '"layer N assigned to device" の行がないため、層の分割（{split}）は各 GPU の KV キャッシュの割合から読み取りました。',
  ],
  [
    'Per-device figures need every layer on the GPUs and the "layer N assigned to device" lines of a verbose log (-v); this run\'s {n:n} GPU buffers are compared as sums.',
    'デバイスごとの比較には、全層が GPU 上にあり、詳細ログ（-v）の "layer N assigned to device" の行が必要です。この実行の GPU バッファ {n} 個は合計で比べています。',
  ],
  [
    'Per-device figures need every layer on the GPU; this partly offloaded run is compared as sums.',
    'デバイスごとの比較には全層が GPU 上にある必要があります。一部だけオフロードしたこの実行は合計で比べています。',
  ],
  [
    'Measured figures are llama.cpp buffer sizes; the driver context (a few hundred MiB per GPU) is not in the log and not compared.',
    '実測値は llama.cpp のバッファサイズです。ドライバーのコンテキスト（GPU ごとに数百 MiB）はログになく、比べていません。',
  ],
  [
    'The log does not describe the model (no "model params" line): pick it to plan the run.',
    'ログにモデルの説明（"model params" の行）がありません。モデルを選ぶと計画できます。',
  ],
  ['Could not plan the run the log describes: {why}', 'ログの実行を計画できませんでした: {why}'],
  [
    "llama-bench names the model's architecture and size, not which model: pick it to plan the speed.",
    'llama-bench が示すのはモデルのアーキテクチャとサイズだけで、どのモデルかは分かりません。モデルを選ぶと速度を計画できます。',
  ],
  [
    'No hardware is being planned: choose the GPU the benchmark ran on to plan the speed.',
    '計画中のハードウェアがありません。ベンチマークを実行した GPU を選ぶと速度を計画できます。',
  ],
  [
    'Planned on the hardware being planned; llama-bench prints the backend, not the card, so it must be the machine that ran it.',
    '計画中のハードウェアで計算しています。llama-bench はカードではなくバックエンドしか出力しないため、実行したマシンである必要があります。',
  ],
  [
    'The benchmark does not say which model ran: pick it to plan the speed.',
    'ベンチマークにはどのモデルを実行したかが書かれていません。モデルを選ぶと速度を計画できます。',
  ],
  [
    'Planned on the hardware being planned; benchmarks print the backend, not the card, so it must be the machine that ran it.',
    '計画中のハードウェアで計算しています。ベンチマークはカードではなくバックエンドしか出力しないため、実行したマシンである必要があります。',
  ],
  ['Quantization "{q}" is not modelled; planned as {p}.', '量子化 "{q}" はモデル化していないため、{p} として計画しました。'],
  ['No max_model_len in the log; assumed {n}.', 'ログに max_model_len がないため、{n} と仮定しました。'],
  ['No gpu_memory_utilization in the log; assumed {n}.', 'ログに gpu_memory_utilization がないため、{n} と仮定しました。'],
  [
    'KV tokens are planned for the pool vLLM printed (Available KV cache memory), which tests the planned bytes per token.',
    'KV のトークン数は vLLM が出力したプール（Available KV cache memory）に対して計画しており、トークンあたりの計画バイト数を確かめています。',
  ],
  [
    'The log does not print total_gpu_memory, so the planned KV pool (which is what the GPU has left) cannot be computed.',
    'ログに total_gpu_memory がないため、計画上の KV プール（GPU に残る分）は計算できません。',
  ],
  [
    "KV tokens are GPU blocks × {n:n} (vLLM's default block size).",
    'KV のトークン数は GPU ブロック数 × {n}（vLLM の既定のブロックサイズ）です。',
  ],
  [
    'No total row: vLLM fills total × gpu_memory_utilization by design, so planned and measured totals agree by construction; the KV pool carries the difference.',
    '合計の行はありません。vLLM は設計上 total × gpu_memory_utilization まで埋めるため、計画と実測の合計は必ず一致し、差は KV プールに現れます。',
  ],
  [
    'Planned per worker: 1/{n:n} of the weights plus the tensors kept whole on every rank (tensor parallel {tp:n}, pipeline parallel {pp:n}); non-torch memory planned at {g:n} GiB.',
    'ワーカーごとの計画: 重みの 1/{n} と、全ランクがそのまま持つテンソル（テンソル並列 {tp}、パイプライン並列 {pp}）。torch 外メモリは {g} GiB と計画しています。',
  ],
  [
    '"{m}" is not in the model library: pick the model to plan the run.',
    '"{m}" はモデルライブラリにありません。モデルを選ぶと計画できます。',
  ],
  [
    'The log does not name the model (no engine config line): pick the model to plan the run.',
    'ログにモデル名（エンジン設定の行）がありません。モデルを選ぶと計画できます。',
  ],
  [
    "These are Ollama's own estimate before loading (msg=offload), not allocations.",
    'これは読み込み前の Ollama 自身の見積もり（msg=offload）で、実際の確保量ではありません。',
  ],
  [
    "No --ctx-size in the runner's command line; assumed {n:n} tokens.",
    'ランナーのコマンドラインに --ctx-size がないため、{n} トークンと仮定しました。',
  ],
  [
    "Planned with llama.cpp's rules for the runner's settings; per-device rows are Ollama's report, compared as sums.",
    'ランナーの設定で llama.cpp の規則により計画しています。デバイスごとの行は Ollama の報告で、合計で比べています。',
  ],
  ["Pick the model to plan the run with llama.cpp's rules and compare.", 'モデルを選ぶと llama.cpp の規則で計画して比べます。'],
  ['GPU {n:n}: no reading in the output.', 'GPU {n}: 出力に読み取り値がありません。'],
  [
    "No per-process figures: each GPU's whole used memory is compared, including other programs and the desktop.",
    'プロセスごとの値がないため、他のプログラムやデスクトップを含む各 GPU の使用メモリ全体を比べています。',
  ],
  [
    'Processes whose GPU is not named (rocm-smi --showpids counts GPUs) are left out.',
    'GPU が示されていないプロセス（rocm-smi --showpids は GPU 数だけを数えます）は除外しています。',
  ],
  [
    'No plan uses a GPU yet: plan the run first to set each GPU against it.',
    'GPU を使う計画がまだありません。先に計画を立てると、各 GPU をそれと比べます。',
  ],
  [
    "Against the current plan's total per GPU ({names}), the GPUs taken in the order detection lists them.",
    '現在の計画の GPU ごとの合計（{names}）と比べています。GPU は検出した順に対応させています。',
  ],
  [
    "Peak of the live watch against the plan's total on each GPU ({names}); the peak includes the desktop and other programs.",
    'ライブ監視のピークを計画の各 GPU の合計（{names}）と比べています。ピークにはデスクトップや他のプログラムの分も含まれます。',
  ],
  // rocm-smi's own words after the GPU number stay as the tool printed them.
  ['GPU {n:n}: {x}.', 'GPU {n}: {x}（rocm-smi の表示）。'],
];

/** Sentence starts in the llama.cpp readers' findings, which are joined by spaces. */
const FINDING_START = /(?<=\.) (?=Model: |Context: |\d+ of \d+ layers|Buffers on |llama\.cpp's memory table|\d+ llama-bench)/;

function sentence(s: string): string | null {
  const m = matchTemplate(SENTENCES, s);
  if (!m) return null;
  const p = { ...m.params };
  if (p['items'] !== undefined) {
    const items = itemList(p['items'], ', ');
    if (items === null) return null;
    p['items'] = items.join('、');
  }
  if (p['why'] !== undefined) p['why'] = localizeEngineText('ja', p['why']);
  if (p['x'] !== undefined && /^(on|off)$/.test(p['x'])) p['x'] = p['x'] === 'on' ? 'オン' : 'オフ';
  return fillTemplate(m.ja, p);
}

function item(s: string): string | null {
  const m = matchTemplate(ITEMS, s);
  return m ? fillTemplate(m.ja, m.params) : null;
}

/**
 * "memory on CUDA0, CUDA1, CPU, layers offloaded" → its items: device lists hold commas too, so the list
 * is split where every piece is a known item (shortest first, backtracking).
 */
function itemList(text: string, sep: string): string[] | null {
  if (text === '') return [];
  for (let at = text.indexOf(sep); ; at = text.indexOf(sep, at + 1)) {
    const head = at < 0 ? text : text.slice(0, at);
    const said = item(head);
    if (said !== null) {
      if (at < 0) return [said];
      const rest = itemList(text.slice(at + sep.length), sep);
      if (rest !== null) return [said, ...rest];
    }
    if (at < 0) return null;
  }
}

/** "vLLM start-up log: weights, GPU blocks; no peak activation" and the like (read.ts summaryOf). */
function summary(text: string): string | null {
  const colon = text.indexOf(': ');
  const label = colon < 0 ? undefined : LABELS[text.slice(0, colon)];
  if (label === undefined) return null;
  const rest = text.slice(colon + 2);
  const none = /^no output of (.+) was recognised\.$/.exec(rest);
  if (none) {
    const kinds = none[1]!.split(', ').map((k) => LABELS[k]);
    return kinds.every((k) => k !== undefined) ? `${label}: ${kinds.join('・')} のいずれの出力も認識できませんでした。` : null;
  }
  if (rest === 'the text is empty.') return `${label}: テキストが空です。`;
  if (/\.$/.test(rest)) {
    const parts = rest.split(FINDING_START).map(sentence);
    return parts.every((p) => p !== null) ? `${label}: ${parts.join('')}` : null;
  }
  const [found, missing] = rest.split('; no ');
  const f = itemList(found!, ', ');
  const m = missing === undefined ? [] : itemList(missing, ', no ');
  if (f === null || m === null) return null;
  return m.length > 0 ? `${label}: ${f.join('、')}（なし: ${m.join('、')}）` : `${label}: ${f.join('、')}`;
}

function translate(text: string): string | null {
  return summary(text) ?? sentence(text);
}

/** True when the catalog knows `text` (for the coverage test). */
export function isKnownMeasuredText(text: string): boolean {
  return translate(text) !== null;
}

/** A reader's summary or problem, or a comparison's note, in `locale`; unknown text stays as it is. */
export function localizeMeasuredText(locale: Locale, text: string): string {
  if (locale === 'en') return text;
  return translate(text) ?? text;
}
