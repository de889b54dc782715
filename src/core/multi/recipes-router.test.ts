// The router preset read back the way llama.cpp reads it (common/preset.cpp's INI grammar) and checked
// against the one-server-per-model recipes: the same processes, context, slots, GPU layers and batches.

import { describe, expect, it } from 'vitest';
import type { PlanningHardware } from '../advice/types';
import { getModel } from '../catalog';
import { defaultSettings } from '../estimate/index';
import { GiB } from '../units';
import { estimateSet, makeMember, setRecipes, type SetEstimate } from './index';
import { routerPreset } from './recipes-router';
import { summarizeSet } from './summary';

const hw: PlanningHardware = {
  devices: [
    {
      id: 'gpu0',
      name: '24 GiB GPU',
      vendor: 'nvidia',
      source: 'user',
      kind: 'dedicated',
      totalBytes: 24 * GiB,
      usedBytes: 0,
      bandwidthGBps: 1000,
      fp16Tflops: 100,
    },
  ],
  ramBytes: 64 * GiB,
  ramAvailableBytes: 48 * GiB,
  ramBandwidthGBps: 60,
};

const input = (id: string) => ({ spec: getModel(id)!.spec });

function chatRetrievalDraft(runtime: 'llama.cpp' | 'vllm' = 'llama.cpp'): SetEstimate {
  const main = { ...defaultSettings(runtime), quant: runtime === 'vllm' ? 'bf16' : 'Q4_K_M', context: 16384, parallel: 2 };
  return estimateSet(
    [
      makeMember('qwen3-8b', 'main', input('qwen3-8b'), main),
      makeMember('qwen3-0.6b', 'draft', input('qwen3-0.6b'), main),
      makeMember('qwen3-embedding-0.6b', 'embedding', input('qwen3-embedding-0.6b'), main),
      makeMember('qwen3-reranker-0.6b', 'reranker', input('qwen3-reranker-0.6b'), main),
    ],
    hw,
  );
}

/** common/preset.cpp parse_ini_from_file: "[name]" headers, "key = value", ";" / "#" comments, blank lines. */
function parseIni(text: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  let section = 'default';
  for (const raw of text.split(/\r\n|\n|\r/)) {
    const line = raw.replace(/\s*[;#].*$/, '').trim();
    if (!line) continue;
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      section = header[1]!;
      if (out.has(section)) throw new Error(`section ${section} twice`);
      out.set(section, new Map());
      continue;
    }
    const kv = /^([a-zA-Z_][a-zA-Z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!kv) throw new Error(`not an INI line: ${raw}`);
    if (!out.has(section)) out.set(section, new Map());
    out.get(section)!.set(kv[1]!, kv[2]!);
  }
  return out;
}

const flag = (cmd: string, f: string): string | undefined => {
  const parts = cmd.split(' ');
  const i = parts.indexOf(f);
  return i < 0 ? undefined : parts[i + 1];
};

/**
 * Argument names llama-server accepts without their dashes (tools/server/README.md, llama-gen-docs table),
 * plus the preset-only load-on-startup: an unknown key makes load_from_ini throw.
 */
const KNOWN_KEYS = new Set([
  'model',
  'ctx-size',
  'parallel',
  'n-gpu-layers',
  'flash-attn',
  'cache-type-k',
  'cache-type-v',
  'batch-size',
  'ubatch-size',
  'model-draft',
  'ctx-size-draft',
  'n-gpu-layers-draft',
  'mmproj',
  'lora',
  'embedding',
  'pooling',
  'reranking',
  'load-on-startup',
]);

describe('routerPreset', () => {
  it('has one section per llama-server process, with the settings of the matching one-server recipe', () => {
    const set = chatRetrievalDraft();
    const preset = routerPreset(set)!;
    const recipes = setRecipes(set);
    const ini = parseIni(preset.ini);
    expect(ini.get('default')?.get('version')).toBe('1');
    expect(preset.sections.map((s) => s.ids)).toEqual(recipes.map((r) => r.ids));
    for (const [i, r] of recipes.entries()) {
      const sec = ini.get(preset.sections[i]!.name)!;
      expect(sec, preset.sections[i]!.name).toBeDefined();
      for (const key of sec.keys()) expect(KNOWN_KEYS.has(key), key).toBe(true);
      expect(sec.get('model')).toBe(flag(r.command, '-m'));
      expect(sec.get('ctx-size')).toBe(flag(r.command, '-c'));
      expect(sec.get('parallel')).toBe(flag(r.command, '-np'));
      expect(sec.get('n-gpu-layers')).toBe(flag(r.command, '-ngl'));
      expect(sec.get('batch-size')).toBe(flag(r.command, '-b'));
      expect(sec.get('ubatch-size')).toBe(flag(r.command, '-ub'));
      expect(sec.get('flash-attn')).toBe(flag(r.command, '-fa'));
      expect(sec.get('cache-type-k')).toBe(flag(r.command, '-ctk'));
      expect(sec.get('model-draft')).toBe(flag(r.command, '-md'));
      expect(sec.get('ctx-size-draft')).toBe(flag(r.command, '-cd'));
      expect(sec.get('pooling')).toBe(flag(r.command, '--pooling'));
      expect(sec.get('load-on-startup')).toBe('true');
      // The router forces each child's --port (server-models.cpp update_args): none is written.
      expect(sec.has('port')).toBe(false);
    }
    const [chat, emb, rerank] = preset.sections.map((s) => ini.get(s.name)!);
    expect(chat!.get('model-draft')).toBe('qwen3-0.6b-Q4_K_M.gguf');
    expect(emb!.get('embedding')).toBe('true');
    expect(emb!.get('ctx-size')).toBe('8192');
    expect(rerank!.get('reranking')).toBe('true');
  });

  it('leaves an encoder its own pooling (CLS or mean, stored in its GGUF), as the one-server recipe does', () => {
    const main = { ...defaultSettings('llama.cpp'), quant: 'Q4_K_M', context: 8192 };
    const set = estimateSet(
      [
        makeMember('qwen3-8b', 'main', input('qwen3-8b'), main),
        makeMember('bge-m3', 'embedding', input('bge-m3'), main),
        makeMember('qwen3-embedding-0.6b', 'embedding', input('qwen3-embedding-0.6b'), main),
      ],
      hw,
    );
    const ini = parseIni(routerPreset(set)!.ini);
    const [, bge, qwen] = routerPreset(set)!.sections.map((s) => ini.get(s.name)!);
    expect(bge!.get('embedding')).toBe('true');
    expect(bge!.has('pooling')).toBe(false);
    expect(qwen!.get('pooling')).toBe('last');
  });

  it('keeps every process loaded: --models-max equals the sections that load on startup', () => {
    const preset = routerPreset(chatRetrievalDraft())!;
    const max = Number(flag(preset.command, '--models-max'));
    expect(max).toBe(3);
    expect(preset.sections.filter((s) => s.options.some(([k, v]) => k === 'load-on-startup' && v === 'true')).length).toBe(max);
    expect(flag(preset.command, '--models-preset')).toBe(preset.presetFile);
    expect(Number(flag(preset.command, '--port'))).toBe(preset.port);
  });

  it('is null for a set on vLLM', () => {
    expect(routerPreset(chatRetrievalDraft('vllm'))).toBeNull();
  });

  it('travels in the set summary (CLI --json, saved plans) beside the other launch recipes', () => {
    const main = { ...defaultSettings('llama.cpp'), quant: 'Q4_K_M', context: 16384 };
    const r = summarizeSet(
      [
        makeMember('qwen3-8b', 'main', input('qwen3-8b'), main),
        makeMember('qwen3-embedding-0.6b', 'embedding', input('qwen3-embedding-0.6b'), main),
      ],
      hw,
    );
    const router = r.launch.router!;
    expect(router.sections.map((s) => s.ids)).toEqual(r.recipes.map((x) => x.ids));
    // Plain data: it crosses IPC and is stored with the plan.
    expect(JSON.parse(JSON.stringify(router))).toEqual(router);
  });
});
