// The layout comparison's notes (core/capacity/layouts.ts writes them as English phrases joined by "; ")
// in the reader's language. A phrase this table does not know stays as written.

import { tr, type PlanLocale } from './text';

const KEYS: Record<string, string> = {
  'KV heads replicated': 'serve.layoutNote.replicatedKv',
  'tensor parallel across nodes': 'serve.layoutNote.tpAcrossNodes',
  'pipeline within a node': 'serve.layoutNote.ppWithinNode',
  'pipeline across nodes': 'serve.layoutNote.ppAcrossNodes',
};

export function layoutNote(locale: PlanLocale, note: string): string {
  if (!note) return '';
  return note
    .split('; ')
    .map((phrase) => (KEYS[phrase] ? tr(locale, KEYS[phrase]) : phrase))
    .join(locale === 'ja' ? '、' : '; ');
}
