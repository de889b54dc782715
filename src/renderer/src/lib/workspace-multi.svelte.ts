// Compare's "Models on this machine": the models planned beside the Compare model, as rune state that the
// workspace saves, the set core's summarizeSet makes of them on the chosen hardware, and the shrink steps
// applied in one click (and undone). The main model is always the Compare model with its settings and quant.

import { getModel } from '$core/catalog';
import type { EstimateSettings, KvCacheType, ModelInput } from '$core/estimate/types';
import { makeMember, summarizeSet, type SetMember, type SetSummary, type ShrinkStep } from '$core/multi';
import { quantForBits } from '$core/quant/formats';
import { MAX_ADDED, type AddedRole, type MultiEntry, type WorkspaceMulti } from '$core/workspace/workspace-multi';
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

const state = $state({ members: [] as MultiEntry[], undo: null as ShrinkUndo | null });

/** The set's state, for reading; changed only through the functions below. */
export const multi: { readonly members: readonly Readonly<MultiEntry>[]; readonly undo: Readonly<ShrinkUndo> | null } = state;

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

export function multiSnapshot(): WorkspaceMulti {
  return { members: state.members.map((e) => ({ ...e, model: { ...e.model } })) };
}

export function restoreMultiInto(ws: WorkspaceMulti | undefined): void {
  state.members = ws ? ws.members.map((e) => ({ ...e, model: { ...e.model } })) : [];
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

/** The set's members (main first) and, per entry, the member id it became (null: its model is gone). */
export function setMembers(): { members: SetMember[]; ids: (string | null)[] } | null {
  const model = currentModel();
  if (!model) return null;
  const main = mainSettings();
  const taken: string[] = [];
  const members: SetMember[] = [makeMember(uniqueId(model.input.spec.id, taken), 'main', model.input, main)];
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
  return { members, ids };
}

export type MultiResult = { summary: SetSummary; ids: (string | null)[]; error: null } | { summary: null; ids: []; error: string | null };

/** The set on the chosen hardware; nothing while no model was added or no hardware is known. */
export function multiResult(): MultiResult {
  const hw = planningHardware();
  const set = state.members.length > 0 && hw ? setMembers() : null;
  if (!hw || !set) return { summary: null, ids: [], error: null };
  try {
    return { summary: summarizeSet(set.members, hw, { useFreeMemory: planner.useFreeMemory }), ids: set.ids, error: null };
  } catch (e) {
    return { summary: null, ids: [], error: e instanceof Error ? e.message : String(e) };
  }
}

/** The plan's "Models on this machine" section: only when models were added and the set could be planned. */
export function multiForPlan(): SetSummary | null {
  return multiResult().summary;
}

const WIDE: readonly KvCacheType[] = ['f16', 'bf16', 'f32'];

/** Applies the shrink steps up to and including `upto`, the way shrinkSet applied them, with one Undo. */
export function applyShrink(steps: readonly ShrinkStep[], upto: number, label: string): void {
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
      updateSettings({ context: Number(p['to']) });
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
