// llama-server's router mode for a set: one llama-server started without a model, --models-preset pointing
// at an INI file with one section per process of the set. Read from ggml-org/llama.cpp:
// - common/preset.cpp (load_from_ini): a section is a model name, "[*]" holds defaults for every model, a
//   key is any llama-server argument without its leading dashes (or its LLAMA_ARG_* variable), "version"
//   is reserved; an unknown key is an error, so only real argument names are written here.
// - tools/server/server-models.cpp: each model runs as its own child llama-server; the router gives every
//   child a free port of its own choosing and forces --host 127.0.0.1, --port and --alias = the section name
//   (server_model_meta::update_args), so a port in the preset would be ignored: clients reach every model
//   through the router's one port and pick it with the request's "model" field. Models whose section has
//   load-on-startup load when the router starts; their count must not exceed --models-max (default 4),
//   and reaching --models-max unloads the least recently used model, so the recipe sets it to the number
//   of processes: the set is planned to stay loaded together.
// Each section carries the same context, slots, batch sizes, cache types and GPU layers as the set's
// one-server-per-model recipe (recipes.ts), so the router starts the same processes the plan priced.

import type { MemberResult, SetEstimate } from './types';
import { FIRST_PORT } from './recipes';
import { processes } from './recipes-other';

export interface RouterSection {
  /** Section name = the model name clients send in "model". */
  name: string;
  /** Member ids the child process serves (main + what loads into it, or one other model). */
  ids: string[];
  /** Keys in the order written; values as llama-server's argument parser reads them. */
  options: [key: string, value: string][];
}

export interface RouterPreset {
  sections: RouterSection[];
  ini: string;
  /** The router's command line; `presetFile` is the INI's file name. */
  command: string;
  port: number;
  presetFile: string;
}

export const ROUTER_PRESET_FILE = 'models.ini';

/** Section names: llama.cpp's INI grammar allows anything but "]" there; kept to a readable, URL-safe set. */
const sectionName = (id: string): string => id.toLowerCase().replace(/[^a-z0-9._-]+/g, '-');

const ggufName = (m: MemberResult): string => `${m.id.replace(/[^A-Za-z0-9._-]+/g, '-')}-${m.estimate.settings.quant}.gguf`;

function baseOptions(m: MemberResult): [string, string][] {
  const s = m.estimate.settings;
  const slots = Math.max(1, s.parallel);
  return [
    ['model', ggufName(m)],
    // ctx-size is the whole cache; llama-server splits it over the slots (n_ctx_seq = ctx-size / parallel).
    ['ctx-size', String(s.context * slots)],
    ['parallel', String(slots)],
    ['n-gpu-layers', String(m.evaluation.placement.gpuLayers)],
    ['flash-attn', s.flashAttention ? 'on' : 'off'],
    ['cache-type-k', s.kvTypeK],
    ['cache-type-v', s.kvTypeV],
    ['batch-size', String(s.batch)],
    ['ubatch-size', String(s.ubatch)],
  ];
}

function inProcessOptions(proc: MemberResult[]): [string, string][] {
  const out: [string, string][] = [];
  for (const m of proc.slice(1)) {
    if (m.role === 'draft') {
      const ds = m.estimate.settings;
      out.push(
        ['model-draft', ggufName(m)],
        ['ctx-size-draft', String(ds.context * Math.max(1, ds.parallel))],
        ['n-gpu-layers-draft', String(m.evaluation.placement.gpuLayers)],
      );
    } else if (m.role === 'vision-projector') out.push(['mmproj', m.id]);
    else if (m.role === 'lora') out.push(['lora', /\.gguf$/i.test(m.id) ? m.id : `${m.id}.gguf`]);
  }
  return out;
}

function roleOptions(head: MemberResult): [string, string][] {
  // An encoder's GGUF carries its own pooling (CLS or mean); forcing "last" would override it, as in recipes.ts.
  if (head.role === 'embedding')
    return head.estimate.model.encoder
      ? [['embedding', 'true']]
      : [
          ['embedding', 'true'],
          ['pooling', 'last'],
        ];
  if (head.role === 'reranker') return [['reranking', 'true']];
  return [];
}

/** The router preset for a llama.cpp set, or null when a member runs on another runtime. */
export function routerPreset(set: SetEstimate, port = FIRST_PORT): RouterPreset | null {
  if (set.members.some((m) => m.estimate.settings.runtime !== 'llama.cpp')) return null;
  const used = new Set<string>();
  const sections: RouterSection[] = processes(set).map((proc) => {
    const head = proc[0]!;
    let name = sectionName(head.id);
    // Section names key a map in load_from_ini, so two equal names would silently merge: keep them distinct.
    for (let n = 2; used.has(name); n++) name = `${sectionName(head.id)}-${n}`;
    used.add(name);
    const options = [
      ...baseOptions(head),
      ...inProcessOptions(proc),
      ...roleOptions(head),
      ['load-on-startup', 'true'] as [string, string],
    ];
    return { name, ids: proc.map((m) => m.id), options };
  });
  const lines = ['version = 1', ''];
  for (const s of sections) lines.push(`[${s.name}]`, ...s.options.map(([k, v]) => `${k} = ${v}`), '');
  const command = `llama-server --models-preset ${ROUTER_PRESET_FILE} --models-max ${sections.length} --host 127.0.0.1 --port ${port}`;
  return { sections, ini: lines.join('\n'), command, port, presetFile: ROUTER_PRESET_FILE };
}
