// 1 台のマシンで複数のモデルを動かす（issue 19）：セットのすべてのモデルを並べる計画書の節。
import type { multiEn } from './multi-en';

export const multiJa: Record<keyof typeof multiEn, string> = {
  'multi.section.title': 'このマシンで動かすモデル',
  'multi.section.summary': '{count} 個のモデルがこのハードウェアを共有します。セット全体の判定は {verdict}、合計 {total} です。',
  'multi.table.header': '| モデル | 役割 | 量子化 | コンテキスト × 並列数 | メモリ | 判定 |',
  'multi.col.model': 'モデル',
  'multi.col.role': '役割',
  'multi.col.quant': '量子化',
  'multi.col.context': 'コンテキスト × 並列数',
  'multi.col.memory': 'メモリ',
  'multi.col.verdict': '判定',
  'multi.device.line': '{device}：{capacity} のうち {used}（{parts}）。',
  'multi.order':
    '起動順に配置しています。まずメインモデル、次に同じプロセスで読み込むドラフトモデル、その後は指定した順に各モデルを別プロセスで起動します。後から起動するモデルは、先に起動したモデルが使った分を除いたメモリに収まる必要があります。',
  'multi.shrink.title': '先に減らす・外す順（前の手順に重ねて適用し、そのたびに再計算します）：',
  'multi.shrink.step': '{mark} {detail}：{verdict}、{total}。',
  'multi.shrink.detail.shrink-main-context': 'メインモデルのコンテキストを {from} → {to} トークンに縮める',
  'multi.shrink.detail.quantise-kv':
    '16/32 ビットの KV キャッシュを持つすべてのモデルで KV キャッシュを q8_0 にする（-ctk q8_0 -ctv q8_0 -fa on）',
  'multi.shrink.detail.drop-reranker': '{ids} を外す',
  'multi.shrink.detail.drop-embedding': '{ids} を外す',
  'multi.shrink.detail.drop-draft': '{ids} を外す',
  'multi.shrink.detail.lower-main-quant': 'メインモデルの量子化を {from} → {to} に下げる',
  'multi.recipes.title':
    '起動コマンド（llama.cpp）：プロセスごとに llama-server を 1 つ、それぞれ別のポートで起動します。コンテキストとバッチサイズは上の計画と同じです。',
  'multi.draft.range':
    'ドラフトモデル：デコード速度は受理率 {lowRate} で ×{low}、{highRate} で ×{high}。受理率は文章の内容と 2 つのモデルの相性で変わるため、幅で示しています。',
  'multi.role.main': 'メイン',
  'multi.role.chat': 'チャット',
  'multi.role.embedding': '埋め込み',
  'multi.role.reranker': 'リランカー',
  'multi.role.draft': 'ドラフト',
  'multi.role.vision-projector': 'ビジョン用プロジェクター',
  'multi.role.lora': 'LoRA アダプター',
  'multi.launch.vllm.title':
    '起動コマンド（vLLM）：モデルごとに vllm serve を 1 つ起動し、それぞれにセットで割り当てたメモリの割合を指定します。1 枚の GPU での割合の合計は 1 以下です。',
  'multi.launch.swap.title':
    'llama-swap（llama-swap.yaml）：上と同じ llama-server コマンドを 1 つのグループにまとめ、すべて同時に読み込んだままにします。「{command}」 で起動します。',
  'multi.launch.ollama.title':
    'Ollama：{env} を設定してサーバーを起動し、各モデルを Modelfile から作成します（ollama create 名前 -f Modelfile）。',
  'multi.launch.ollama.model': '{name}：',
  'multi.launch.ollama.no-rerank': '{id}：Ollama にはリランク用のエンドポイントがないため、上の llama-server コマンドで動かしてください。',
  'multi.launch.ollama.no-draft': '{id}：Ollama は投機的デコードに対応していないため、メインモデルはドラフトなしで動きます。',
  'multi.launch.ollama.projector':
    '{id}：Ollama のビジョンモデルはプロジェクターを同梱しているため、モデルと一緒にインポートしてください。',
};
