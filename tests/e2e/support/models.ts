// A tiny llama-shaped GGUF for import tests: loads in milliseconds, plans like a real model.
import type { SyntheticModel } from '../../support/gguf-writer';

export function tinyLlama(name: string): SyntheticModel {
  return { architecture: 'llama', name, layers: 4, hidden: 256, ff: 512, heads: 4, kvHeads: 2, vocab: 512, fileType: 'Q4_K_M' };
}
