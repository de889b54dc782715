// Storing a run from the Check view (a pasted log's comparison or a watched peak) in the evidence store:
// one path, so both buttons say the same thing when detection has not answered or the store refuses.

import { keepRun } from '../../lib/evidence.svelte';
import { t } from '../../lib/i18n.svelte';

type Evidence = Parameters<typeof keepRun>[1];

/** Keeps `run` (null: no machine detected to file it under); the sentence to show when it was not kept, else null. */
export async function storeRun(api: Parameters<typeof keepRun>[0], run: Evidence | null): Promise<string | null> {
  if (!run) return t('check.keep.noMachine');
  try {
    await keepRun(api, run);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
