// The Check view's comparisons beyond llama.cpp (vLLM, Ollama, GPU readings) and the watch's kept peak,
// with the plan appendix's words for them.

export const checkRunsEn = {
  'check.quantities': 'Counts',
  'check.readings.noPlan': 'Plan a run first: the readings are set against the current plan’s total on each GPU.',
  'plan.appendix.source.vllm-log':
    'A vLLM start-up log was attached to this plan; the estimate was recomputed for the settings it printed, per worker.',
  'plan.appendix.source.ollama-log':
    'An Ollama server log was attached to this plan; its memory report is set against llama.cpp’s rules for the runner’s settings.',
  'plan.appendix.source.nvidia-smi': 'nvidia-smi readings were attached to this plan, set against the plan’s total on each GPU.',
  'plan.appendix.source.rocm-smi': 'rocm-smi readings were attached to this plan, set against the plan’s total on each GPU.',
  'plan.appendix.source.batched-bench': 'llama-batched-bench results were attached to this plan.',
  'plan.appendix.source.vllm-bench': 'Serving benchmark results (vLLM / SGLang bench serve) were attached to this plan.',
  'plan.appendix.col.quantity': 'Quantity',
  'plan.appendix.quantity.kvTokens': 'KV pool (tokens)',
  'plan.appendix.quantity.maxConcurrency': 'Maximum concurrency',
  'watch.keep': 'Keep this peak as a run',
  'watch.keep.hint': 'Sets each GPU’s peak against the plan’s total on it, so the calibration learns this machine’s per-GPU overhead.',
  'watch.kept': 'Peak kept as a run.',
  'watch.keep.noPlan': 'Plan a run first: the peak is kept against the plan’s total on each GPU.',
} as const;
