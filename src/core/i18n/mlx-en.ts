// MLX runtime: runtime picker note, launch recipes (mlx_lm, LM Studio's MLX engine), quality notes.
export const mlxEn = {
  'mlx.runtime.label': 'mlx (Apple silicon)',
  'mlx.runtime.notApple':
    'MLX runs only on Apple silicon Macs. The plan is shown for the chosen hardware, but this machine cannot run it; pick an Apple M-series machine to plan MLX.',
  'mlx.options.title': 'MLX options',
  'mlx.options.set': '{count} set',
  'mlx.options.kvBits': 'KV bits (--kv-bits)',
  'mlx.options.kvBits.off': 'Model dtype',
  'mlx.options.kvGroup': 'KV group size (--kv-group-size)',
  'mlx.options.kvStart': 'Quantise after (--quantized-kv-start)',
  'mlx.options.maxKv': 'Rotating cache (--max-kv-size)',
  'mlx.options.maxKv.off': 'Off',
  'mlx.options.prefill': 'Prefill step (--prefill-step-size)',
  'mlx.options.promptCache': 'Server prompt cache, GiB (--prompt-cache-bytes)',
  'mlx.options.promptCache.off': 'None',
  'mlx.options.hint':
    "Empty fields take mlx_lm's defaults. KV bits override the KV cache type above; the prompt cache is mlx_lm.server's store of finished requests.",
  'mlx.options.rotatingNoQuant': 'mlx_lm cannot quantise a rotating cache: with --max-kv-size set, the cache stays in the model dtype.',
  'mlx.wired.raise':
    'MLX needs {need} here but macOS lets the GPU wire only {limit} of this Mac’s memory by default. Raise the limit before loading (resets on reboot): sudo sysctl iogpu.wired_limit_mb={setMB}',
  'mlx.wired.tooMuch':
    'MLX needs {need} here, more than this Mac can give the GPU even with a raised wired limit (macOS keeps about 8 GiB).',
  'mlx.quality.reason.fp':
    'No published KL divergence or perplexity against 16-bit was found for MLX {mode} (microscaling, one scale byte per group).',
  'plan.recipe.mlx.kv': 'KV cache for {context} tokens × {parallel} sequence(s): {kv}.',
  'plan.recipe.mlx.kvBits': '--kv-bits {bits} --kv-group-size {group}: the cache is quantised once it holds {start} tokens.',
  'plan.recipe.mlx.rotating':
    '--max-kv-size {size}: a rotating cache; tokens older than {size} are dropped (quality falls on long inputs).',
  'plan.recipe.mlx.prefill':
    '--prefill-step-size {step}: the prompt is processed {step} tokens at a time; smaller steps lower the peak of long prompts.',
  'plan.recipe.mlx.wired':
    'This plan needs {needMB} MB of GPU memory, above macOS’s default GPU limit of {limitMB} MB on this {ramGB} GB Mac. Raise the wired limit before loading (resets on reboot): sudo sysctl iogpu.wired_limit_mb={setMB}',
  'plan.recipe.mlx.wiredOk': 'Fits under macOS’s default GPU limit of {limitMB} MB; no sysctl change needed.',
  'plan.recipe.mlx.warning':
    'mlx_lm prints "[WARNING] Generating with a model that requires … MB which is close to the maximum recommended size" when the weights exceed 90 % of that limit; generation then slows down.',
  'plan.recipe.mlx.promptFile':
    'A prompt cached with mlx_lm.cache_prompt (--prompt-cache-file) is this cache written to disk, about {perToken} per prompt token; once loaded it is part of the KV cache above.',
  'plan.recipe.mlx.server':
    'mlx_lm.server keeps up to {count} finished requests’ caches for reuse; --prompt-cache-bytes caps their memory.',
  'plan.recipe.mlx.repo':
    'Replace {repo} with the MLX conversion you use (an mlx-community repository or a local folder made by mlx_lm.convert).',
  'plan.recipe.mlx.convert': 'No MLX conversion at hand? Make one: {command}',
  'plan.recipe.lmsMlx.engine': 'Runtime',
  'plan.recipe.lmsMlx.context': 'Context Length',
  'plan.recipe.lmsMlx.kvQuant': 'KV Cache Quantization',
  'plan.recipe.lmsMlx.note':
    'Pick the MLX build of the model in LM Studio (the MLX engine loads only MLX folders) and enter these in its load settings; LM Studio’s MLX engine is built on mlx-lm and shares its memory use.',
  'plan.recipe.mlx.serverNoKv':
    'mlx_lm.server has no --kv-bits or --max-kv-size: for the quantised or rotating cache this plan assumes, use mlx_lm.generate (or the Python API) or LM Studio.',
} as const;
