// The one place hardware detection depends on the GPU catalog (src/core/hardware/gpu-catalog.ts). A
// static import matters: the detection worker thread does not see setCatalogMatcher() calls made on
// the main thread, so the default must come from the module graph itself.

import { matchGpuCatalog } from '../../../core/hardware/gpu-catalog';
import type { CatalogMatcher } from './reconcile';

let current: CatalogMatcher | null = matchGpuCatalog;

/** Test hook; null disables catalog matching. */
export function setCatalogMatcher(fn: CatalogMatcher | null): void {
  current = fn;
}

export function getCatalogMatcher(): CatalogMatcher | null {
  return current;
}
