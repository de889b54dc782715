// The plan's section for several models on one machine, as plan-document blocks so the Markdown and the
// PDF say the same thing (EN/JA): every model with its role, settings, bytes and verdict, the per-device
// sums, the start order, what to shrink first, and the launch recipes for the same processes (one
// llama-server per process with its port, llama-swap, Ollama with its loaded-model limit and num_ctx, or
// vLLM with the memory shares).

import type { SetSummary } from '../multi/summary';
import type { Block } from './document-blocks';
import { gib, verdictText } from './document-blocks';
import { formatNum, tr, type PlanLocale } from './text';

const COLUMNS = ['model', 'role', 'quant', 'context', 'memory', 'verdict'] as const;

function modelTable(r: SetSummary, l: PlanLocale): Block {
  return {
    type: 'table',
    id: 'multi-models',
    headers: COLUMNS.map((c) => tr(l, `multi.col.${c}`)),
    rows: r.models.map((m) => [
      m.id,
      tr(l, `multi.role.${m.role}`),
      m.quant,
      `${formatNum(l, m.ctx)} × ${m.parallel}`,
      gib(m.bytes.total),
      verdictText(l, m.verdict),
    ]),
    numeric: [false, false, false, true, true, false],
  };
}

function deviceList(r: SetSummary, l: PlanLocale): Block {
  return {
    type: 'list',
    items: r.devices.map((d) => {
      const parts = d.models.filter((p) => p.bytes > 0).map((p) => `${p.id} ${gib(p.bytes)}`);
      return tr(l, 'multi.device.line', {
        device: d.name,
        used: gib(d.usedBytes),
        capacity: gib(d.capacityBytes),
        parts: parts.join(' + ') || '—',
      });
    }),
  };
}

function shrinkBlocks(r: SetSummary, l: PlanLocale): Block[] {
  if (r.shrink.length === 0) return [];
  const items = r.shrink.map((s) =>
    tr(l, 'multi.shrink.step', {
      mark: s.fits ? '✓' : '·',
      detail: tr(l, s.text.key, s.text.params),
      verdict: verdictText(l, s.verdict),
      total: gib(s.totalBytes),
    }),
  );
  return [para(tr(l, 'multi.shrink.title')), { type: 'list', items }];
}

const code = (language: string, content: string): Block => ({ type: 'code', language, content });
const para = (text: string): Block => ({ type: 'paragraph', text });

function ollamaBlocks(r: SetSummary, l: PlanLocale): Block[] {
  const o = r.launch.ollama;
  if (o.models.length === 0) return [];
  const env = `OLLAMA_MAX_LOADED_MODELS=${o.env.OLLAMA_MAX_LOADED_MODELS} OLLAMA_NUM_PARALLEL=${o.env.OLLAMA_NUM_PARALLEL}`;
  const out: Block[] = [para(tr(l, 'multi.launch.ollama.title', { env }))];
  for (const m of o.models) out.push(para(tr(l, 'multi.launch.ollama.model', { name: m.name })), code('', m.modelfile.trimEnd()));
  if (o.unsupported.length > 0)
    out.push({ type: 'list', items: o.unsupported.map((u) => tr(l, `multi.launch.ollama.${u.reason}`, { id: u.id })) });
  return out;
}

/** llama.cpp: the llama-server commands, then llama-swap and Ollama for the same processes; vLLM: its commands. */
function launchBlocks(r: SetSummary, l: PlanLocale): Block[] {
  if (r.recipes.length === 0) {
    if (r.launch.vllm.length === 0) return [];
    return [para(tr(l, 'multi.launch.vllm.title')), code('sh', r.launch.vllm.map((p) => p.command).join('\n'))];
  }
  const out: Block[] = [para(tr(l, 'multi.recipes.title')), code('sh', r.recipes.map((c) => c.command).join('\n'))];
  const swap = r.launch.llamaSwap;
  if (swap) out.push(para(tr(l, 'multi.launch.swap.title', { command: swap.command })), code('yaml', swap.yaml.trimEnd()));
  return [...out, ...ollamaBlocks(r, l)];
}

/** The section's blocks for a set summary (the CLI's plan --add and the app's Compare set both use it). */
export function multiBlocks(r: SetSummary, l: PlanLocale): Block[] {
  const blocks: Block[] = [
    { type: 'heading', level: 2, text: tr(l, 'multi.section.title'), id: 'multi' },
    {
      type: 'paragraph',
      text: tr(l, 'multi.section.summary', { count: r.models.length, verdict: verdictText(l, r.verdict), total: gib(r.bytes.total) }),
    },
    modelTable(r, l),
    deviceList(r, l),
    para(tr(l, 'multi.order')),
    ...shrinkBlocks(r, l),
    ...launchBlocks(r, l),
  ];
  if (r.draft) {
    const lo = r.draft.points[0]!;
    const hi = r.draft.points.at(-1)!;
    const params = { low: lo.speedup.toFixed(2), lowRate: lo.acceptance, high: hi.speedup.toFixed(2), highRate: hi.acceptance };
    blocks.push(para(tr(l, 'multi.draft.range', params)));
  }
  return blocks;
}
