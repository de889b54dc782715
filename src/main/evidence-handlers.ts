// IPC handlers for the stored runs (issue 18): thin calls into the evidence store, spread into the
// handler map by handlers.ts.

import type { EvidenceChannelResults } from '../shared/evidence-contract';
import type { ChannelArgs } from '../shared/ipc-contract';
import { AppError } from './services/errors';
import type { EvidenceStore } from './services/evidence-store';

type EvidenceChannel = keyof EvidenceChannelResults;
export type EvidenceHandlers = { [C in EvidenceChannel]: (...args: ChannelArgs<C>) => Promise<EvidenceChannelResults[C]> };

export function createEvidenceHandlers(store: EvidenceStore | undefined): EvidenceHandlers {
  const use = (): EvidenceStore => {
    if (!store) throw new AppError('internal', 'Stored runs are not available in this window.');
    return store;
  };
  return {
    'evidence:list': () => use().state(),
    'evidence:add': async (run) => {
      const { added: _added, ...state } = await use().add(run);
      return state;
    },
    'evidence:remove': (id) => use().remove(id),
    'evidence:clear': () => use().clear(),
    'evidence:consent': (on) => use().setConsent(on),
  };
}
