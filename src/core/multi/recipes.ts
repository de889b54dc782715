// Launch commands for a set on llama.cpp: one llama-server per process, each on its own port, with the
// context, slots, batch sizes and GPU layers the set planner used, so a recipe can be checked against the
// plan. A draft model joins the main model's command (-md / -cd / -ngld), since it lives in that process.

import { shellQuote } from '../plan/recipes';
import type { MemberResult, SetEstimate } from './types';

export interface SetRecipe {
  /** The member ids this process serves (main + its draft, or one other model). */
  ids: string[];
  port: number;
  command: string;
}

export const FIRST_PORT = 8080;

function ggufName(m: MemberResult): string {
  return `${m.id.replace(/[^A-Za-z0-9._-]+/g, '-')}-${m.estimate.settings.quant}.gguf`;
}

function baseArgs(m: MemberResult): string[] {
  const s = m.estimate.settings;
  const slots = Math.max(1, s.parallel);
  return [
    'llama-server',
    '-m',
    shellQuote(ggufName(m)),
    '-c',
    String(s.context * slots),
    '-np',
    String(slots),
    '-ngl',
    String(m.evaluation.placement.gpuLayers),
    '-fa',
    s.flashAttention ? 'on' : 'off',
    '-ctk',
    s.kvTypeK,
    '-ctv',
    s.kvTypeV,
    '-b',
    String(s.batch),
    '-ub',
    String(s.ubatch),
  ];
}

/**
 * --mmproj and --lora for the files loaded into the main model's process. The member id is the file's name;
 * a PEFT folder is converted first (llama.cpp's convert_lora_to_gguf.py), so its recipe names the .gguf.
 */
function inProcessFiles(set: SetEstimate, ids: string[]): string[] {
  const args: string[] = [];
  for (const m of set.members) {
    if (m.role === 'vision-projector') args.push('--mmproj', shellQuote(m.id));
    else if (m.role === 'lora') args.push('--lora', shellQuote(/\.gguf$/i.test(m.id) ? m.id : `${m.id}.gguf`));
    else continue;
    ids.push(m.id);
  }
  return args;
}

/** llama.cpp recipes for every process of the set, ports counting up from FIRST_PORT in start order. */
export function setRecipes(set: SetEstimate): SetRecipe[] {
  if (set.members.some((m) => m.estimate.settings.runtime !== 'llama.cpp')) return [];
  const recipes: SetRecipe[] = [];
  const draft = set.members.find((m) => m.role === 'draft');
  for (const m of set.members) {
    if (m.role === 'draft' || m.role === 'vision-projector' || m.role === 'lora') continue;
    const args = baseArgs(m);
    const ids = [m.id];
    if (m.role === 'main' && draft) {
      const ds = draft.estimate.settings;
      args.push(
        '-md',
        shellQuote(ggufName(draft)),
        '-cd',
        String(ds.context * Math.max(1, ds.parallel)),
        '-ngld',
        String(draft.evaluation.placement.gpuLayers),
      );
      ids.push(draft.id);
    }
    if (m.role === 'main') args.push(...inProcessFiles(set, ids));
    // A decoder embedding model pools its last token; an encoder's GGUF carries the pooling its
    // sentence-transformers config names (CLS for BGE, mean for E5 / nomic), which a flag would override.
    if (m.role === 'embedding') args.push('--embedding', ...(m.estimate.model.encoder ? [] : ['--pooling', 'last']));
    if (m.role === 'reranker') args.push('--reranking');
    const port = FIRST_PORT + recipes.length;
    args.push('--host', '127.0.0.1', '--port', String(port));
    recipes.push({ ids, port, command: args.join(' ') });
  }
  return recipes;
}
