// MLX launch recipes: mlx_lm.server / mlx_lm.generate (ml-explore/mlx-lm) and LM Studio's MLX engine, with
// the option values the plan was estimated for, and the wired-limit step when the plan needs more GPU
// memory than macOS lets Metal wire by default (mlx-lm README, "Large Models": `sudo sysctl
// iogpu.wired_limit_mb=N`, N above the model size and below the machine's memory).

import { defaultUnifiedShare } from '../advice/budget';
import { MLX_KV_GROUP, MLX_PREFILL_STEP, MLX_QUANTIZED_KV_START, mlxKvBits } from '../estimate/runtimes/mlx-memory';
import { resolveQuant } from '../quant/formats';
import type { Plan, PlanText, Recipe } from './types';

type RecipeInput = Omit<Plan, 'checklist' | 'recipes'>;

const MB = 1024 * 1024;
/** Memory left to macOS and other apps when raising the limit: this planner's choice, stated in the note. */
const MACOS_KEEP_BYTES = 8 * 1024 * MB;
/** mlx_lm.server's --prompt-cache-size default. */
const SERVER_PROMPT_CACHES = 10;

function text(key: string, params: Record<string, string | number> = {}): PlanText {
  return { key, params };
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9.]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'model'
  );
}

export interface WiredLimit {
  ramBytes: number;
  /** macOS's default GPU working-set limit (recommendedMaxWorkingSetSize). */
  defaultLimitBytes: number;
  neededBytes: number;
  /** The sysctl value to set, in MB (MiB, as iogpu.wired_limit_mb counts), or null when the default suffices. */
  setMB: number | null;
  /** False when even RAM minus what macOS keeps is too little. */
  possible: boolean;
}

/**
 * The wired-limit arithmetic for one unified-memory Mac: the default limit, whether the plan exceeds it,
 * and the iogpu.wired_limit_mb value that covers the plan (rounded up to a whole GiB) while leaving
 * macOS 8 GiB.
 */
export function wiredLimit(ramBytes: number, neededBytes: number): WiredLimit {
  const defaultLimitBytes = Math.floor(ramBytes * defaultUnifiedShare(ramBytes));
  if (neededBytes <= defaultLimitBytes) return { ramBytes, defaultLimitBytes, neededBytes, setMB: null, possible: true };
  const setMB = Math.ceil(neededBytes / (1024 * MB)) * 1024;
  const ceilingMB = Math.floor((ramBytes - MACOS_KEEP_BYTES) / MB);
  return { ramBytes, defaultLimitBytes, neededBytes, setMB: Math.min(setMB, ceilingMB), possible: setMB <= ceilingMB };
}

/** The unified device the plan runs on (MLX runs on one Apple GPU) and what the plan puts on it. */
function appleDevice(plan: RecipeInput): { ramBytes: number; neededBytes: number } | null {
  const d = plan.devices.find((x) => x.kind === 'unified');
  if (!d) return null;
  // The whole plan, not the part placed: MLX cannot leave layers off the GPU.
  return { ramBytes: d.totalBytes, neededBytes: plan.components.total };
}

function convertCommand(plan: RecipeInput, folder: string): string | null {
  const f = resolveQuant(plan.quant.id);
  if (f.scheme !== 'mlx' || !plan.model.hfRepo) return null;
  const mode = f.mlxMode ?? 'affine';
  const q = mode === 'affine' ? `--q-bits ${f.nominalBits} --q-group-size ${f.groupSize ?? 64}` : `--q-mode ${mode}`;
  return `mlx_lm.convert --hf-path ${plan.model.hfRepo} -q ${q} --mlx-path ${folder}`;
}

function wiredNotes(plan: RecipeInput): { commands: string[]; notes: PlanText[] } {
  const dev = appleDevice(plan);
  if (!dev) return { commands: [], notes: [] };
  const w = wiredLimit(dev.ramBytes, dev.neededBytes);
  const limitMB = Math.floor(w.defaultLimitBytes / MB);
  if (w.setMB === null) return { commands: [], notes: [text('plan.recipe.mlx.wiredOk', { limitMB })] };
  const params = {
    needMB: Math.ceil(w.neededBytes / MB),
    limitMB,
    ramGB: Math.round(w.ramBytes / (1024 * MB)),
    // A flag value: a string, so the message formatter adds no thousands separator.
    setMB: String(w.setMB),
  };
  return {
    commands: [`sudo sysctl iogpu.wired_limit_mb=${w.setMB}`],
    notes: [text('plan.recipe.mlx.wired', params), text('plan.recipe.mlx.warning')],
  };
}

function mlxLm(plan: RecipeInput): Recipe[] {
  const s = plan.settings;
  const o = s.mlx ?? {};
  const folder = `./${slug(plan.model.name)}-${plan.quant.id}`;
  const convert = convertCommand(plan, folder);
  const step = o.prefillStepSize ?? MLX_PREFILL_STEP;
  const bits = mlxKvBits(s);
  const wired = wiredNotes(plan);
  const common: PlanText[] = [
    text('plan.recipe.mlx.kv', {
      context: s.context,
      parallel: s.parallel,
      kv: `${(plan.components.kvCache / (1024 * MB)).toFixed(2)} GiB`,
    }),
    text('plan.recipe.mlx.prefill', { step: String(step) }),
  ];
  if (convert) common.push(text('plan.recipe.mlx.convert', { command: convert }));
  else common.push(text('plan.recipe.mlx.repo', { repo: folder }));

  const server = ['mlx_lm.server', '--model', folder, '--host', '127.0.0.1', '--port', '8080', '--prefill-step-size', String(step)];
  if (s.parallel > 1) server.push('--decode-concurrency', String(s.parallel));
  if (o.promptCacheBytes !== undefined) server.push('--prompt-cache-bytes', String(o.promptCacheBytes));
  const serverNotes: PlanText[] = [...wired.notes, ...common, text('plan.recipe.mlx.server', { count: SERVER_PROMPT_CACHES })];
  if (bits !== null || o.maxKvSize !== undefined) serverNotes.push(text('plan.recipe.mlx.serverNoKv'));

  // --max-tokens only when the plan knows its prompt length: the cache then holds prompt + max tokens = context.
  const gen = ['mlx_lm.generate', '--model', folder, '--prompt', '-'];
  if (s.prefillTokens !== undefined && s.prefillTokens < s.context) gen.push('--max-tokens', String(s.context - s.prefillTokens));
  gen.push('--prefill-step-size', String(step));
  const perToken = plan.components.kvCache / Math.max(1, s.context * Math.max(1, s.parallel));
  const genNotes: PlanText[] = [
    ...wired.notes,
    ...common,
    text('plan.recipe.mlx.promptFile', { perToken: `${(perToken / 1024).toFixed(1)} KiB` }),
  ];
  if (o.maxKvSize !== undefined) {
    gen.push('--max-kv-size', String(o.maxKvSize));
    genNotes.push(text('plan.recipe.mlx.rotating', { size: String(o.maxKvSize) }));
  } else if (bits !== null) {
    const group = o.kvGroupSize ?? MLX_KV_GROUP;
    const start = o.quantizedKvStart ?? MLX_QUANTIZED_KV_START;
    gen.push('--kv-bits', String(bits), '--kv-group-size', String(group), '--quantized-kv-start', String(start));
    genNotes.push(text('plan.recipe.mlx.kvBits', { bits: String(bits), group: String(group), start: String(start) }));
  }
  const pre = [...wired.commands, ...(convert ? [convert] : [])];
  return [
    { id: 'mlx-server', title: 'MLX (mlx_lm.server)', commands: [...pre, server.join(' ')], files: [], settings: [], notes: serverNotes },
    {
      id: 'mlx-generate',
      title: 'MLX (mlx_lm.generate)',
      commands: [...pre, `${gen.join(' ')} < prompt.txt`],
      files: [],
      settings: [],
      notes: genNotes,
    },
  ];
}

function lmStudioMlx(plan: RecipeInput): Recipe {
  const s = plan.settings;
  const bits = mlxKvBits(s);
  const settings: Recipe['settings'] = [
    { label: text('plan.recipe.lmsMlx.engine'), value: 'MLX' },
    { label: text('plan.recipe.lmsMlx.context'), value: String(s.context) },
    { label: text('plan.recipe.lmsMlx.kvQuant'), value: bits === null ? '—' : `${bits}-bit` },
  ];
  const wired = wiredNotes(plan);
  return {
    id: 'lm-studio-mlx',
    title: 'LM Studio (MLX engine)',
    commands: [...wired.commands, `lms load ${slug(plan.model.name)} --context-length ${s.context}`],
    files: [],
    settings,
    notes: [...wired.notes, text('plan.recipe.lmsMlx.note')],
  };
}

/** Recipes for a plan estimated with the MLX runtime. */
export function mlxRecipes(plan: RecipeInput): Recipe[] {
  return [...mlxLm(plan), lmStudioMlx(plan)];
}
