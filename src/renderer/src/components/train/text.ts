// Fine-tune texts whose key is built from a value (a method, an optimizer, a remedy id).

import { translateKey } from '$core/i18n';
import type { TrainComponentKey } from '$core/train/types';
import { lang } from '../../lib/i18n.svelte';

export function tt(key: string, params?: Record<string, string | number>): string {
  return translateKey(lang.current, key, params);
}

/** One colour per component, the same in both themes (the bar sits on the panel colour). */
export const COMPONENT_COLORS: Record<TrainComponentKey, string> = {
  weights: 'var(--c-weights)',
  gradients: '#d53f8c',
  optimizer: 'var(--c-kv)',
  activations: 'var(--c-compute)',
  logits: 'var(--offload)',
  overhead: 'var(--c-overhead)',
};
