// The quantisation format a Hugging Face checkpoint declares in config.json (quantization_config).

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(c: Json, ...keys: string[]): number | undefined {
  for (const k of keys) {
    const v = c[k];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return undefined;
}

/**
 * The HF-side quant format id a checkpoint is stored in, from `quantization_config`, or null when the
 * config declares none (plain fp16/bf16 weights).
 */
export function hfQuantizationFormat(config: unknown): string | null {
  if (!isObject(config)) return null;
  const q = isObject(config.quantization_config)
    ? config.quantization_config
    : isObject(config.text_config) && isObject(config.text_config.quantization_config)
      ? config.text_config.quantization_config
      : undefined;
  if (!q) return null;
  const method = typeof q.quant_method === 'string' ? q.quant_method.toLowerCase() : '';
  const bits = num(q, 'bits', 'w_bit') ?? 4;
  const group = num(q, 'group_size', 'q_group_size') ?? 128;
  const suffix = group === 128 ? '' : `-g${group}`;
  switch (method) {
    case 'awq':
      return bits === 4 ? `awq${suffix}` : null;
    case 'gptq':
      if (bits === 8) return `gptq-int8${suffix}`;
      return bits === 4 ? `gptq${suffix}` : null;
    case 'bitsandbytes': {
      if (q.load_in_8bit === true || q._load_in_8bit === true) return 'int8';
      const code = typeof q.bnb_4bit_quant_type === 'string' && q.bnb_4bit_quant_type.toLowerCase() === 'fp4' ? 'fp4' : 'nf4';
      return q.bnb_4bit_use_double_quant === true ? `${code}-dq` : code;
    }
    case 'fp8':
    case 'fbgemm_fp8':
      return 'fp8';
    case 'mxfp4':
      return 'mxfp4';
    case 'modelopt':
    case 'modelopt_fp4': {
      // NVIDIA ModelOpt checkpoints: quant_algo NVFP4 (4-bit E2M1 in groups of 16) or FP8.
      const algo = typeof q.quant_algo === 'string' ? q.quant_algo.toUpperCase() : method === 'modelopt_fp4' ? 'NVFP4' : '';
      return algo.includes('NVFP4') ? 'nvfp4' : algo === 'FP8' ? 'fp8' : null;
    }
    case 'compressed-tensors': {
      const fmt = typeof q.format === 'string' ? q.format : '';
      return fmt.includes('float') ? 'fp8' : fmt.includes('int-quantized') ? 'int8' : null;
    }
    default:
      return null;
  }
}
