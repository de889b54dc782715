// ggml tensor types: numeric id as stored in GGUF, elements per block and bytes per block.
// Values follow ggml's type-traits table (ggml/src/ggml.c) and the block structs in ggml-common.h;
// ids 4, 5, 31-33 and 36-38 were removed from ggml and are not valid in current files.
// Checked against ggml.h's enum and the type-traits table (block size, sizeof(block_*)) in 2026 sources.

export interface GgmlType {
  id: number;
  name: string;
  blockSize: number;
  typeSize: number;
  /** True for the quantised types whose rows must be a multiple of blockSize. */
  quantized: boolean;
}

const table: ReadonlyArray<readonly [number, string, number, number]> = [
  [0, 'F32', 1, 4],
  [1, 'F16', 1, 2],
  [2, 'Q4_0', 32, 18],
  [3, 'Q4_1', 32, 20],
  [6, 'Q5_0', 32, 22],
  [7, 'Q5_1', 32, 24],
  [8, 'Q8_0', 32, 34],
  [9, 'Q8_1', 32, 36],
  [10, 'Q2_K', 256, 84],
  [11, 'Q3_K', 256, 110],
  [12, 'Q4_K', 256, 144],
  [13, 'Q5_K', 256, 176],
  [14, 'Q6_K', 256, 210],
  [15, 'Q8_K', 256, 292],
  [16, 'IQ2_XXS', 256, 66],
  [17, 'IQ2_XS', 256, 74],
  [18, 'IQ3_XXS', 256, 98],
  [19, 'IQ1_S', 256, 50],
  [20, 'IQ4_NL', 32, 18],
  [21, 'IQ3_S', 256, 110],
  [22, 'IQ2_S', 256, 82],
  [23, 'IQ4_XS', 256, 136],
  [24, 'I8', 1, 1],
  [25, 'I16', 1, 2],
  [26, 'I32', 1, 4],
  [27, 'I64', 1, 8],
  [28, 'F64', 1, 8],
  [29, 'IQ1_M', 256, 56],
  [30, 'BF16', 1, 2],
  [34, 'TQ1_0', 256, 54],
  [35, 'TQ2_0', 256, 66],
  [39, 'MXFP4', 32, 17],
  // Newer ggml (2026): NVFP4 packs 4 E2M1 blocks of 16 with E4M3 scales; Q1_0/Q2_0 are low-bit row types.
  [40, 'NVFP4', 64, 36],
  [41, 'Q1_0', 128, 18],
  [42, 'Q2_0', 64, 18],
];

export const GGML_TYPES: ReadonlyArray<GgmlType> = table.map(([id, name, blockSize, typeSize]) => ({
  id,
  name,
  blockSize,
  typeSize,
  quantized: blockSize > 1,
}));

const byId = new Map(GGML_TYPES.map((t) => [t.id, t]));
const byName = new Map(GGML_TYPES.map((t) => [t.name, t]));

export type GgmlTypeName = (typeof table)[number][1];

export function ggmlTypeById(id: number): GgmlType | undefined {
  return byId.get(id);
}

export function ggmlType(name: string): GgmlType {
  const t = byName.get(name) ?? byName.get(name.toUpperCase());
  if (!t) throw new RangeError(`Unknown ggml tensor type "${name}".`);
  return t;
}

/** Bytes of a row/tensor of `elements` values; throws when the count is not a whole number of blocks. */
export function ggmlBytes(type: GgmlType, elements: number): number {
  if (elements % type.blockSize !== 0) {
    throw new RangeError(`${elements} elements is not a multiple of ${type.name}'s block of ${type.blockSize}.`);
  }
  return (elements / type.blockSize) * type.typeSize;
}

export function bitsPerWeight(type: GgmlType): number {
  return (type.typeSize * 8) / type.blockSize;
}
