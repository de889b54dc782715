// アドバイザーの構造化出力の日本語メッセージ。キーとプレースホルダーは advice-en.ts と同一。

import type { adviceEn } from './advice-en';

export const adviceJa: Record<keyof typeof adviceEn, string> = {
  'advice.budget.vram': '{device}: 合計 {totalBytes} − 使用中 {inUseBytes} − ランタイム予約 {reserveBytes} = 利用可能 {capacityBytes}',
  'advice.budget.working-set':
    '{device}: GPU が使えるのはユニファイドメモリ {totalBytes} の {unifiedShare}（macOS のワーキングセット上限。sysctl iogpu.wired_limit_mb で変更可）− 予約 {reserveBytes} = 利用可能 {capacityBytes}',
  'advice.budget.shared-ram': '{device}: システム RAM を共有する内蔵 GPU、利用可能 {capacityBytes}',
  'advice.verdict.fits': '収まります: {gpuLayers}/{totalLayers} 層を GPU に、余裕 {marginBytes}',
  'advice.verdict.tight': '収まりますが余裕は {marginBytes} のみです',
  'advice.verdict.offload': '{totalLayers} 層のうち {gpuLayers} 層を GPU に、残りをシステム RAM に置いて動作します',
  'advice.verdict.no-fit': 'GPU メモリとシステム RAM を合わせても収まりません',
  'advice.verdict.cpu': 'CPU がシステム RAM から実行します（RAM の余裕 {marginBytes}）',
  'advice.fewerGpus': 'GPU を減らすほうが速くなります：{of} 台中 {gpus} 台でも収まり、デコードは約 {decodeTokensPerSecond} トークン/秒です',
  'advice.offload.ram': '必要なシステム RAM: {ramBudgetBytes} 中 {cpuBytes}',
  'advice.offload.speedCost': 'オフロードにより速度は全 GPU 時 {fullGpuTokensPerSecond} トークン/秒の ×{factor} になります',
  'advice.ramShort': 'システム RAM も不足: 必要 {cpuBytes}、利用可能 {ramBudgetBytes}',
  'advice.vllm.pool':
    'vLLM の KV プール: GPU あたり {kvPoolBytes} = {kvTokens} トークン、このコンテキストで同時 {maxConcurrency} シーケンス',
  'advice.sglang.pool':
    'SGLang のトークンプール: GPU あたり {kvPoolBytes} = {kvTokens} トークン、このコンテキストで同時 {maxConcurrency} シーケンス',
  'advice.vllm.replicatedKv': 'GPU 数（{gpus}）が KV ヘッド数より多いため、各 GPU が KV ヘッド {kvHeads} 個を複製して保持します',
  'advice.tensorSplit': 'llama.cpp --tensor-split {split}',
  'advice.seedFormula': '記事の式では {seedBytes}、詳細な見積もりでは {detailedBytes}',
  'advice.maxContext': '収まる最大コンテキスト: {maxContext} トークン',
  'advice.remedy.flashAttention': 'Flash Attention を有効にする',
  'advice.remedy.kvType': 'KV キャッシュを {type} で保存する',
  'advice.remedy.parallel': '同時に {parallel} シーケンスだけ処理する',
  'advice.remedy.context': 'コンテキストを {context} トークンに短くする',
  'advice.remedy.quant': '{quant} の重みを使う',
  'advice.remedy.moreGpu': '{name} をあと {count} 枚追加する',
  'advice.cost.none': '現在の llama.cpp では欠点なし',
  'advice.cost.kvQ8': '品質低下はごくわずか',
  'advice.cost.kvQ4': '長いコンテキストで多少の品質低下',
  'advice.cost.kvFp8': '品質低下はごくわずか',
  'advice.cost.parallel': '同時リクエスト数が減る',
  'advice.cost.context': 'プロンプトと履歴が短くなる',
  'advice.cost.quant': '出力品質が下がる',
  'advice.cost.hardware': 'GPU の追加',
  'advice.cost.speed': '生成が遅くなる',
  'advice.speed.basis.calibrated': '実測した llama.cpp の結果で較正。± はこの種類のデバイスで測った誤差の 80 パーセンタイル',
  'advice.speed.basis.extrapolated': 'llama.cpp の較正から外挿。± はこの種類のデバイスで測った llama.cpp の誤差の 80 パーセンタイル',
  'advice.speed.basis.vllm':
    'vLLM と SGLang のサーバー実測から求めた vLLM 固有の効率とステップごとのホスト処理時間による値。± はこの種類のデバイスで測った誤差の 80 パーセンタイル',
};
