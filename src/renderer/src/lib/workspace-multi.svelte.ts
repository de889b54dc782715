// Compare's "Models on this machine": the models planned beside the Compare model, as rune state that the
// workspace saves, the set core's summarizeSet makes of them on the chosen hardware, and the shrink steps
// applied in one click (and undone). The main model is always the Compare model with its settings and quant.

import { getModel } from '$core/catalog';
import type { EstimateSettings, KvCacheType, ModelInput } from '$core/estimate/types';
import { makeMember, summarizeSet, visionProjectorMember, type SetMember, type SetSummary, type ShrinkStep } from '$core/multi';
import { quantForBits } from '$core/quant/formats';
import {
  defaultWorkspaceMulti,
  MAX_ADDED,
  MAX_FILES,
  type AddedRole,
  type MultiEntry,
  type MultiFile,
  type MultiVision,
  type WorkspaceMulti,
} from '$core/workspace/workspace-multi';
import { currentModel, planner, planningHardware, selectQuant, updateSettings } from './planner.svelte';
import { findUserModel } from './user-library.svelte';

/** What a one-click shrink changed, so Undo puts every piece back. */
interface ShrinkUndo {
  members: MultiEntry[];
  main: Pick<EstimateSettings, 'context' | 'kvTypeK' | 'kvTypeV' | 'flashAttention'>;
  selectedQuant: string | null;
  /** The steps applied, in the reader's language at the time (shown beside Undo). */
  label: string;
}

const state = $state({
  members: [] as MultiEntry[],
  files: [] as MultiFile[],
  vision: defaultWorkspaceMulti().vision,
  undo: null as ShrinkUndo | null,
});

/** The set's state, for reading; changed only through the functions below. */
export const multi: {
  readonly members: readonly Readonly<MultiEntry>[];
  readonly files: readonly Readonly<MultiFile>[];
  readonly vision: Readonly<MultiVision>;
  readonly undo: Readonly<ShrinkUndo> | null;
} = state;

/** A projector or adapter main read from its header; a second projector replaces the first (clip.cpp loads one). */
export function addFile(file: MultiFile): void {
  const rest = file.role === 'vision-projector' ? state.files.filter((f) => f.role !== 'vision-projector') : state.files;
  if (rest.length >= MAX_FILES) return;
  state.files = [...rest, { ...file, fixed: { ...file.fixed } }];
  state.undo = null;
}

export function removeFile(index: number): void {
  state.files.splice(index, 1);
  state.undo = null;
}

export function updateVision(patch: Partial<MultiVision>): void {
  state.vision = { ...state.vision, ...patch };
  state.undo = null;
}

export function addEntry(model: MultiEntry['model'], role: AddedRole): void {
  if (state.members.length >= MAX_ADDED) return;
  state.members.push({ model: { ...model }, role, ctx: null, parallel: null, quant: null, kv: null });
  state.undo = null;
}

export function updateEntry(index: number, patch: Partial<Omit<MultiEntry, 'model'>>): void {
  const e = state.members[index];
  if (e) state.members[index] = { ...e, ...patch };
  state.undo = null;
}

export function removeEntry(index: number): void {
  state.members.splice(index, 1);
  state.undo = null;
}

const copyFiles = (files: readonly Readonly<MultiFile>[]): MultiFile[] => files.map((f) => ({ ...f, fixed: { ...f.fixed } }));

export function multiSnapshot(): WorkspaceMulti {
  return {
    members: state.members.map((e) => ({ ...e, model: { ...e.model } })),
    files: copyFiles(state.files),
    vision: { ...state.vision },
  };
}

export function restoreMultiInto(ws: WorkspaceMulti | undefined): void {
  const d = ws ?? defaultWorkspaceMulti();
  state.members = d.members.map((e) => ({ ...e, model: { ...e.model } }));
  state.files = copyFiles(d.files);
  state.vision = { ...d.vision };
  state.undo = null;
}

/** The catalog entry or kept import an entry names; null when it is gone (a removed import). */
export function entryModel(e: Readonly<MultiEntry>): { name: string; input: ModelInput; id: string } | null {
  if (e.model.kind === 'catalog') {
    const m = getModel(e.model.id);
    return m ? { id: m.spec.id, name: m.spec.name, input: { spec: m.spec } } : null;
  }
  const u = findUserModel(e.model.id);
  return u ? { id: u.input.spec.id, name: u.name, input: u.input } : null;
}

function mainSettings(): EstimateSettings {
  return {
    ...planner.settings,
    quant: planner.selectedQuant ?? quantForBits(planner.selectedBits, planner.settings.runtime).id,
  } as EstimateSettings;
}

/** The same suffixes the CLI gives a model that appears twice ("qwen3-8b#2"). */
function uniqueId(id: string, taken: string[]): string {
  let out = id;
  for (let n = 2; taken.includes(out); n++) out = `${id}#${n}`;
  taken.push(out);
  return out;
}

/** Image tokens a vision model's requests add to its context (the CLI's --images). */
export interface ImageTokens {
  images: number;
  perImage: number;
  added: number;
  rule: string;
}

/** The set's members and which member each row of the table became. */
export interface PlannedSet {
  members: SetMember[];
  /** Per entry, the member id it became (null: its model is gone). */
  ids: (string | null)[];
  /** The projector planned from the main model's vision tower, when it is in the set. */
  projector: string | null;
  /** Its type (f16, q8_0, bf16): the set's quant column would otherwise show the main model's. */
  projectorType: string | null;
  /** Per imported file, its member id. */
  files: string[];
  images: ImageTokens | null;
}

/** The projector and adapters loaded into the main model's process: an imported mmproj replaces the tower's. */
function inProcess(
  model: ModelInput,
  main: EstimateSettings,
  taken: string[],
): Pick<PlannedSet, 'projector' | 'projectorType' | 'files' | 'images'> & { members: SetMember[]; mainSettings: EstimateSettings } {
  const members: SetMember[] = [];
  const imported = state.files.some((f) => f.role === 'vision-projector');
  const want = state.vision.include || imported;
  const images = state.vision.images;
  // Sized from the tower even when a file replaces it: the tokens per image come from the model's config.
  const vision = want && model.spec.vision ? visionProjectorMember(model, main, { images: images ?? 1 }) : null;
  let projector: string | null = null;
  if (vision && !imported) {
    const id = uniqueId(vision.member.id, taken);
    members.push({ ...vision.member, id });
    projector = id;
  }
  const files = state.files.map((f) => {
    const id = uniqueId(f.name, taken);
    members.push({ ...makeMember(id, f.role, model, main), fixed: { ...f.fixed } });
    return id;
  });
  const perImage = vision?.projector.tokens.perImage ?? 0;
  const tokens = vision && images !== null ? { images, perImage, added: images * perImage, rule: vision.projector.tokens.rule } : null;
  const mainSettings = tokens && tokens.added > 0 ? { ...main, context: main.context + tokens.added } : main;
  return { members, projector, projectorType: vision && !imported ? vision.projector.type : null, files, images: tokens, mainSettings };
}

/** The set's members (main first, then what loads into its process, then each added model). */
export function setMembers(): PlannedSet | null {
  const model = currentModel();
  if (!model) return null;
  const main = mainSettings();
  const taken: string[] = [];
  const mainId = uniqueId(model.input.spec.id, taken);
  const within = inProcess(model.input, main, taken);
  // Image tokens lengthen the main model's context; every other member keeps its own (as the CLI plans it).
  const members: SetMember[] = [makeMember(mainId, 'main', model.input, within.mainSettings), ...within.members];
  const ids = state.members.map((e) => {
    const m = entryModel(e);
    if (!m) return null;
    const opts = {
      ...(e.ctx !== null ? { ctx: e.ctx } : {}),
      ...(e.parallel !== null ? { parallel: e.parallel } : {}),
      ...(e.quant !== null ? { quant: e.quant } : {}),
    };
    const member = makeMember(uniqueId(m.id, taken), e.role, m.input, main, opts);
    // A quantised V cache needs flash attention in llama.cpp (the shrink step turns both on together).
    if (e.kv !== null) member.settings = { ...member.settings, kvTypeK: e.kv, kvTypeV: e.kv, flashAttention: true };
    members.push(member);
    return member.id;
  });
  return { members, ids, projector: within.projector, projectorType: within.projectorType, files: within.files, images: within.images };
}

export type MultiResult = { summary: SetSummary; set: PlannedSet; error: null } | { summary: null; set: null; error: string | null };

/**
 * The set on the chosen hardware; nothing while it is the main model alone or no hardware is known. A vision
 * model with its projector is a set on its own, as the CLI plans it (llama-server --mmproj).
 */
export function multiResult(): MultiResult {
  const hw = planningHardware();
  const set = hw ? setMembers() : null;
  if (!hw || !set || set.members.length < 2) return { summary: null, set: null, error: null };
  try {
    return { summary: summarizeSet(set.members, hw, { useFreeMemory: planner.useFreeMemory }), set, error: null };
  } catch (e) {
    return { summary: null, set: null, error: e instanceof Error ? e.message : String(e) };
  }
}

/** The plan's "Models on this machine" section: only when models were added and the set could be planned. */
export function multiForPlan(): SetSummary | null {
  return multiResult().summary;
}

const WIDE: readonly KvCacheType[] = ['f16', 'bf16', 'f32'];

/** Applies the shrink steps up to and including `upto`, the way shrinkSet applied them, with one Undo. */
export function applyShrink(steps: readonly ShrinkStep[], upto: number, label: string): void {
  const imageTokens = setMembers()?.images?.added;
  const undo: ShrinkUndo = {
    members: multiSnapshot().members,
    main: {
      context: planner.settings.context,
      kvTypeK: planner.settings.kvTypeK,
      kvTypeV: planner.settings.kvTypeV,
      flashAttention: planner.settings.flashAttention,
    },
    selectedQuant: planner.selectedQuant,
    label,
  };
  for (const step of steps.slice(0, upto + 1)) {
    const p = step.text.params;
    if (step.action === 'shrink-main-context') {
      // The set's main context includes the image tokens; the setting is the text context they are added to.
      updateSettings({ context: Math.max(1, Number(p['to']) - (imageTokens ?? 0)) });
      // The draft model keeps the same context as the model it drafts for.
      state.members = state.members.map((e) => (e.role === 'draft' && e.ctx !== null ? { ...e, ctx: Number(p['to']) } : e));
    } else if (step.action === 'quantise-kv') {
      const s = planner.settings;
      if (WIDE.includes(s.kvTypeK) || WIDE.includes(s.kvTypeV)) updateSettings({ kvTypeK: 'q8_0', kvTypeV: 'q8_0', flashAttention: true });
      state.members = state.members.map((e) => (e.kv === null || WIDE.includes(e.kv) ? { ...e, kv: 'q8_0' } : e));
    } else if (step.action === 'lower-main-quant') selectQuant(String(p['to']));
    else {
      const role = step.action.slice('drop-'.length) as AddedRole;
      state.members = state.members.filter((e) => e.role !== role);
    }
  }
  state.undo = undo;
}

export function undoShrink(): void {
  const u = state.undo;
  if (!u) return;
  state.members = u.members;
  updateSettings({ ...u.main });
  selectQuant(u.selectedQuant);
  state.undo = null;
}
