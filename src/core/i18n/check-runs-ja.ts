// Check ビューの llama.cpp 以外の比較（vLLM・Ollama・GPU の読み取り値）とウォッチのピーク保存、計画書付録の語。

import type { checkRunsEn } from './check-runs-en';

export const checkRunsJa: Record<keyof typeof checkRunsEn, string> = {
  'check.quantities': '数量',
  'check.readings.noPlan': '先に計画を立ててください。読み取り値は現在の計画の GPU ごとの合計と比べます。',
  'plan.appendix.source.vllm-log':
    'この計画には vLLM の起動ログが添付されています。ログに書かれた設定どおりにワーカーごとに計算し直した値と比べています。',
  'plan.appendix.source.ollama-log':
    'この計画には Ollama のサーバーログが添付されています。ランナーの設定で llama.cpp の規則により計算した値と、Ollama のメモリ報告を比べています。',
  'plan.appendix.source.nvidia-smi': 'この計画には nvidia-smi の読み取り値が添付されています。計画の GPU ごとの合計と比べています。',
  'plan.appendix.source.rocm-smi': 'この計画には rocm-smi の読み取り値が添付されています。計画の GPU ごとの合計と比べています。',
  'plan.appendix.source.batched-bench': 'この計画には llama-batched-bench の結果が添付されています。',
  'plan.appendix.source.vllm-bench': 'この計画にはサービングベンチマーク（vLLM / SGLang の bench serve）の結果が添付されています。',
  'plan.appendix.col.quantity': '数量',
  'plan.appendix.quantity.kvTokens': 'KV プール（トークン数）',
  'plan.appendix.quantity.maxConcurrency': '最大同時実行数',
  'watch.keep': 'このピークを実行記録として保存',
  'watch.keep.hint': '各 GPU のピークを計画のその GPU の合計と比べて保存し、このマシンの GPU ごとのオーバーヘッドを校正に学習させます。',
  'watch.kept': 'ピークを実行記録として保存しました。',
  'watch.keep.noPlan': '先に計画を立ててください。ピークは計画の GPU ごとの合計と比べて保存します。',
};
