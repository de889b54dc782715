// The plan's launch recipes for the set beyond one llama-server per process: vLLM (one process per model
// with its memory share) for a vLLM set; llama-swap and Ollama for a llama.cpp set.

import { translate, type Locale } from '../../core/i18n/index';
import type { SetResultJson } from './estimate-add';

type Key = Parameters<typeof translate>[1];

export function launchMarkdown(r: SetResultJson, lang: Locale): string[] {
  const t = (key: Key, params?: Record<string, string | number>): string => translate(lang, key, params);
  const lines: string[] = [];
  if (r.recipes.length === 0 && r.launch.vllm.length > 0) {
    lines.push('', t('multi.launch.vllm.title'), '', '```sh');
    for (const p of r.launch.vllm) lines.push(p.command);
    lines.push('```');
    return lines;
  }
  const swap = r.launch.llamaSwap;
  if (swap) lines.push('', t('multi.launch.swap.title', { command: swap.command }), '', '```yaml', swap.yaml.trimEnd(), '```');
  const o = r.launch.ollama;
  if (r.recipes.length > 0 && o.models.length > 0) {
    const env = `OLLAMA_MAX_LOADED_MODELS=${o.env.OLLAMA_MAX_LOADED_MODELS} OLLAMA_NUM_PARALLEL=${o.env.OLLAMA_NUM_PARALLEL}`;
    lines.push('', t('multi.launch.ollama.title', { env: `\`${env}\`` }));
    for (const m of o.models) lines.push('', t('multi.launch.ollama.model', { name: m.name }), '', '```', m.modelfile.trimEnd(), '```');
    if (o.unsupported.length > 0) lines.push('');
    for (const u of o.unsupported) lines.push(`- ${t(`multi.launch.ollama.${u.reason}` as Key, { id: u.id })}`);
  }
  return lines;
}
