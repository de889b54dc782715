// `estimate` with --add / --draft: several models on the same hardware. The main model and hardware come
// from estimate's own parser; each added model is a library id (or a .gguf file) with its own context,
// parallel slots and quant. Output: the set's per-device sums, its verdict, each model's bytes, and what
// to shrink first when it does not fit (--json: one object, the contract scripts read).

import type { PlanningHardware } from '../../core/advice/types';
import { getModel } from '../../core/catalog';
import type { EstimateSettings, ModelInput } from '../../core/estimate/types';
import { makeMember, summarizeSet, type MemberRole, type SetMember, type SetSummary } from '../../core/multi/index';
import { formatGiB } from '../../core/units';
import { CliError, type CliIO } from '../types';
import { buildSettings, firstSentence, loadModel, parse } from './estimate-args';
import { buildHardware, type EstimateDeps } from './estimate-hardware';
import { splitSetArgs, type AddSpec, type SetArgs } from './estimate-add-args';
import { readLora, readProjector } from './estimate-add-files';
import { visionPlan, type ImagesJson } from './estimate-add-vision';
import { projectorFileName, visionProjectorMember } from '../../core/multi/projector-member';
import { basename } from 'node:path';
import { MTP_DRAFT, MtpError, mtpFixed, mtpModule } from '../../core/multi/mtp';

export interface ParsedSet {
  members: SetMember[];
  hw: PlanningHardware;
  json: boolean;
  /** estimate's own arguments, without the set flags (plan composes the main model's plan from them). */
  rest: string[];
  set: SetArgs;
  input: ModelInput;
  settings: EstimateSettings;
}

async function loadMember(text: string): Promise<{ input: ModelInput; id: string; role: MemberRole | null }> {
  const isFile = /\.gguf$/i.test(text);
  const { input } = await loadModel(isFile ? { gguf: text } : { model: text });
  const role = getModel(input.spec.id)?.role ?? null;
  return { input, id: input.spec.id, role };
}

function uniqueId(id: string, taken: Set<string>): string {
  let out = id;
  for (let n = 2; taken.has(out); n++) out = `${id}#${n}`;
  taken.add(out);
  return out;
}

export async function parseSetArgs(args: string[], deps: EstimateDeps): Promise<ParsedSet> {
  const set = splitSetArgs(args);
  // The same steps as estimate's own parser (not imported from estimate.ts, which imports this file).
  const v = parse(set.rest);
  const { input, defaultQuant } = await loadModel(v);
  const settings: EstimateSettings = buildSettings(v, defaultQuant, Boolean(input.tensors && input.tensors.length > 0));
  const { chosen } = await buildHardware(v, deps);
  return { members: await setMembers(set, input, settings), hw: chosen.hw, json: Boolean(v.json), rest: set.rest, set, input, settings };
}

/** The main model (already parsed) first, then the draft model and every --add, each with its own settings. */
export async function setMembers(set: SetArgs, main: ModelInput, textSettings: EstimateSettings): Promise<SetMember[]> {
  const ids = new Set<string>();
  // Image tokens lengthen the main model's context; every other member keeps its own.
  const vision = visionPlan(set, main, textSettings);
  const settings = textSettings;
  const members: SetMember[] = [makeMember(uniqueId(main.spec.id, ids), 'main', main, vision.settings)];
  if (set.draft !== null && set.draft.trim().toLowerCase() === MTP_DRAFT) {
    members.push(mtpMember(main, settings, ids));
  } else if (set.draft !== null) {
    const d = await loadMember(set.draft);
    members.push(makeMember(uniqueId(d.id, ids), 'draft', d.input, settings));
  }
  // A projector and an adapter load into the main model's process; their bytes come from their files.
  if (set.mmproj !== null) {
    const { fixed } = await readProjector(set.mmproj);
    members.push({ ...makeMember(uniqueId(basename(set.mmproj), ids), 'vision-projector', main, settings), fixed });
  } else if (vision.projector && !set.noMmproj) {
    // A catalog or HF-config vision model: its projector sized from the tower's shapes, no file needed.
    const type = vision.projector.type;
    const id = uniqueId(projectorFileName(main.spec.id, type), ids);
    members.push(visionProjectorMember(main, settings, { type, images: set.images ?? 1, id })!.member);
  }
  if (set.lora !== null) {
    const { fixed } = await readLora(set.lora);
    members.push({ ...makeMember(uniqueId(basename(set.lora), ids), 'lora', main, settings), fixed });
  }
  for (const add of set.adds) members.push(await addedMember(add, settings, ids));
  return members;
}

/** `--draft mtp`: the main model's own MTP layers as the drafter, bytes from mtp.ts. */
function mtpMember(main: ModelInput, settings: EstimateSettings, ids: Set<string>): SetMember {
  try {
    const fixed = mtpFixed(mtpModule(main, settings));
    return { ...makeMember(uniqueId(`${main.spec.id}-mtp`, ids), 'draft', main, settings), fixed };
  } catch (error) {
    if (error instanceof MtpError) throw new CliError(error.message);
    throw error;
  }
}

async function addedMember(add: AddSpec, settings: EstimateSettings, ids: Set<string>): Promise<SetMember> {
  const m = await loadMember(add.model);
  const opts = {
    ...(add.ctx !== undefined ? { ctx: add.ctx } : {}),
    ...(add.parallel !== undefined ? { parallel: add.parallel } : {}),
    ...(add.quant !== undefined ? { quant: add.quant } : {}),
  };
  return makeMember(uniqueId(m.id, ids), m.role ?? 'chat', m.input, settings, opts);
}

/** The set as --json prints it: core's summary, plus the image tokens --images added to the context. */
export type SetResultJson = SetSummary & { images?: ImagesJson };

export function computeSet(members: SetMember[], hw: PlanningHardware, images: ImagesJson | null = null): SetResultJson {
  try {
    return { ...summarizeSet(members, hw), ...(images ? { images } : {}) };
  } catch (error) {
    throw new CliError(error instanceof Error ? firstSentence(error.message) : String(error));
  }
}

export function printSet(io: CliIO, r: SetResultJson): void {
  io.out(`Models on this machine: ${r.models.length}, set verdict ${r.verdict}, ${formatGiB(r.bytes.total)} in all.`);
  for (const m of r.models) {
    const share = m.gpuShare !== undefined ? `, start with --gpu-memory-utilization ${m.gpuShare.toFixed(3)}` : '';
    io.out(`  ${m.id} (${m.role}): ${m.quant}, ctx ${m.ctx} × ${m.parallel}, ${formatGiB(m.bytes.total)}, ${m.verdict}${share}`);
  }
  for (const d of r.devices) {
    const parts = d.models.filter((p) => p.bytes > 0).map((p) => `${p.id} ${formatGiB(p.bytes)}`);
    io.out(`  ${d.name}: ${formatGiB(d.usedBytes)} of ${formatGiB(d.capacityBytes)} (${parts.join(' + ') || 'nothing'})`);
  }
  if (r.images) {
    const i = r.images;
    io.out(`  Images: ${i.images} × ${i.tokensPerImage} tokens = ${i.addedTokens} added to the context of ${i.textContext} (${i.rule}).`);
  }
  io.out(`  Order: ${r.order.basis}`);
  if (r.shrink.length > 0) {
    io.out('What to drop or shrink first (each step on top of the ones before, re-checked):');
    for (const s of r.shrink) io.out(`  ${s.fits ? '✓' : '·'} ${s.detail}: ${s.verdict}, ${formatGiB(s.totalBytes)}`);
  }
  if (r.recipes.length > 0) {
    io.out('Launch (llama.cpp, one server per process):');
    for (const c of r.recipes) io.out(`  ${c.command}`);
    io.out('  (--json and plan also give the llama-swap config and the Ollama Modelfiles for these.)');
  } else if (r.launch.vllm.length > 0) {
    const sglang = r.launch.vllm.some((c) => c.command.includes('sglang.launch_server'));
    io.out(`Launch (${sglang ? 'SGLang' : 'vLLM'}, one process per model):`);
    for (const c of r.launch.vllm) io.out(`  ${c.command}`);
  }
  if (r.draft) {
    const lo = r.draft.points[0]!;
    const hi = r.draft.points.at(-1)!;
    io.out(
      `${r.models.some((m) => m.role === 'draft' && m.id.endsWith('-mtp')) ? 'MTP layers' : 'Draft model'}: decode ×${lo.speedup.toFixed(2)} at acceptance ${lo.acceptance} to ×${hi.speedup.toFixed(2)} at ${hi.acceptance} (a range: the acceptance rate depends on the text).`,
    );
  }
}

export async function estimateSetCommand(args: string[], deps: EstimateDeps, io: CliIO): Promise<number> {
  const { members, hw, json, set, input, settings } = await parseSetArgs(args, deps);
  const r = computeSet(members, hw, visionPlan(set, input, settings).images);
  if (json) io.out(JSON.stringify(r, null, 2));
  else printSet(io, r);
  return 0;
}
