// The advisor's structured output (Advice.explain, Remedy.label, RemedyCost.key, SpeedEstimate.basis.key).
// Placeholder names decide how a figure is shown (core/i18n/format.ts): …Bytes → GiB, share → %.

export const adviceEn = {
  'advice.budget.vram': '{device}: {totalBytes} total − {inUseBytes} in use − {reserveBytes} runtime reserve = {capacityBytes} usable',
  'advice.budget.working-set':
    '{device}: the GPU may use {unifiedShare} of {totalBytes} unified memory (macOS working-set limit; raise it with sysctl iogpu.wired_limit_mb) − {reserveBytes} reserve = {capacityBytes} usable',
  'advice.budget.shared-ram': '{device}: integrated GPU sharing system RAM, {capacityBytes} usable',
  'advice.verdict.fits': 'Fits: {gpuLayers}/{totalLayers} layers on the GPU, {marginBytes} to spare',
  'advice.verdict.tight': 'Fits, but tight: only {marginBytes} to spare',
  'advice.verdict.offload': 'Runs with {gpuLayers} of {totalLayers} layers on the GPU; the rest in system RAM',
  'advice.verdict.no-fit': 'Does not fit in GPU memory and system RAM together',
  'advice.verdict.cpu': 'Runs on the CPU from system RAM ({marginBytes} of RAM to spare)',
  'advice.fewerGpus': 'Fewer GPUs would be faster: on {gpus} of the {of} it fits too and decodes at ~{decodeTokensPerSecond} tok/s',
  'advice.offload.ram': 'System RAM needed: {cpuBytes} of {ramBudgetBytes}',
  'advice.offload.speedCost': 'Offloading costs speed: ×{factor} of the all-GPU {fullGpuTokensPerSecond} tokens/s',
  'advice.ramShort': 'Not enough system RAM either: {cpuBytes} needed, {ramBudgetBytes} available',
  'advice.vllm.pool': 'vLLM KV pool: {kvPoolBytes} per GPU = {kvTokens} tokens, {maxConcurrency} sequences at this context',
  'advice.sglang.pool': 'SGLang token pool: {kvPoolBytes} per GPU = {kvTokens} tokens, {maxConcurrency} sequences at this context',
  'advice.vllm.replicatedKv': 'More GPUs ({gpus}) than KV heads: each GPU keeps {kvHeads} KV head(s), replicated',
  'advice.tensorSplit': 'llama.cpp --tensor-split {split}',
  'advice.seedFormula': "The article's formula says {seedBytes}; the detailed estimate says {detailedBytes}",
  'advice.maxContext': 'Largest context that fits: {maxContext} tokens',
  'advice.remedy.flashAttention': 'Turn flash attention on',
  'advice.remedy.kvType': 'Store the KV cache as {type}',
  'advice.remedy.parallel': 'Serve {parallel} sequence at a time',
  'advice.remedy.context': 'Shorten the context to {context} tokens',
  'advice.remedy.quant': 'Use {quant} weights',
  'advice.remedy.moreGpu': 'Add {count} more {name}',
  'advice.cost.none': 'No downside in current llama.cpp',
  'advice.cost.kvQ8': 'Negligible quality loss',
  'advice.cost.kvQ4': 'Some quality loss at long context',
  'advice.cost.kvFp8': 'Negligible quality loss',
  'advice.cost.parallel': 'Fewer requests at once',
  'advice.cost.context': 'Shorter prompts and history',
  'advice.cost.quant': 'Lower output quality',
  'advice.cost.hardware': 'Another GPU',
  'advice.cost.speed': 'Slower generation',
  'advice.speed.basis.calibrated':
    'Calibrated on measured llama.cpp runs; ± is the 80th percentile of measured error for this kind of device',
  'advice.speed.basis.extrapolated':
    'Extrapolated from the llama.cpp calibration; ± is the 80th percentile of measured llama.cpp error for this kind of device',
  'advice.speed.basis.vllm':
    "vLLM's own efficiencies and host time per step, fitted on measured vLLM and SGLang serving runs; ± is the 80th percentile of measured error for this kind of device",
} as const;
