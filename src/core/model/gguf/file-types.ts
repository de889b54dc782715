// GGUF's general.file_type: llama.cpp's llama_ftype numbers and the names llama-quantize gives them.

/** llama.cpp's llama_ftype enum (general.file_type) → the name llama-quantize uses. */
const FILE_TYPES: Record<number, string> = {
  0: 'F32',
  1: 'F16',
  2: 'Q4_0',
  3: 'Q4_1',
  7: 'Q8_0',
  8: 'Q5_0',
  9: 'Q5_1',
  10: 'Q2_K',
  11: 'Q3_K_S',
  12: 'Q3_K_M',
  13: 'Q3_K_L',
  14: 'Q4_K_S',
  15: 'Q4_K_M',
  16: 'Q5_K_S',
  17: 'Q5_K_M',
  18: 'Q6_K',
  19: 'IQ2_XXS',
  20: 'IQ2_XS',
  21: 'Q2_K_S',
  22: 'IQ3_XS',
  23: 'IQ3_XXS',
  24: 'IQ1_S',
  25: 'IQ4_NL',
  26: 'IQ3_S',
  27: 'IQ3_M',
  28: 'IQ2_S',
  29: 'IQ2_M',
  30: 'IQ4_XS',
  31: 'IQ1_M',
  32: 'BF16',
  36: 'TQ1_0',
  37: 'TQ2_0',
  38: 'MXFP4_MOE',
};

export function fileTypeName(id: number): string | null {
  return FILE_TYPES[id] ?? null;
}

/**
 * Sliding-window layer pattern per architecture, as llama.cpp's hparams set it (set_swa_pattern):
 * in each group of `period` layers the last is global. Used when the file has no explicit pattern key.
 */
