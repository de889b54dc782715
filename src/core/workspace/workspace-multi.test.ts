import { describe, expect, it } from 'vitest';
import { restoreWorkspace } from './workspace';
import { defaultWorkspaceMulti, restoreMulti, type MultiEntry, type MultiFile } from './workspace-multi';

const embed: MultiEntry = {
  model: { kind: 'catalog', id: 'qwen3-embedding-0.6b' },
  role: 'embedding',
  ctx: 8192,
  parallel: 2,
  quant: 'Q8_0',
  kv: null,
};

describe('restoreMulti', () => {
  it('keeps valid entries and names each bad one alone', () => {
    const dropped: string[] = [];
    const raw = {
      members: [embed, { ...embed, role: 'boss' }, { ...embed, ctx: -1 }, { ...embed, model: { kind: 'user', id: 'user-x' }, kv: 'q8_0' }],
    };
    const r = restoreMulti(raw, dropped);
    expect(r.members).toEqual([embed, { ...embed, model: { kind: 'user', id: 'user-x' }, kv: 'q8_0' }]);
    expect(dropped).toEqual(['multi.members.1', 'multi.members.2']);
  });

  it('an entry saved before the kv field existed reads back with the default', () => {
    const { kv: _kv, ...old } = embed;
    expect(restoreMulti({ members: [old] }, []).members).toEqual([embed]);
  });

  it('round-trips through the workspace, and a workspace without a set gets an empty one', () => {
    const empty = defaultWorkspaceMulti();
    expect(restoreWorkspace({ multi: { members: [embed] } }).workspace.multi).toEqual({ ...empty, members: [embed] });
    expect(restoreWorkspace({}).workspace.multi).toEqual({ members: [], files: [], vision: { include: true, images: null } });
    const bad = restoreWorkspace({ multi: 'x' });
    expect(bad.workspace.multi).toEqual(empty);
    expect(bad.dropped).toContain('multi.members');
  });
});

const mmproj: MultiFile = {
  role: 'vision-projector',
  name: 'mmproj-model-f16.gguf',
  fixed: { weightsBytes: 851_251_104, computeBytes: 127_139_840, basis: 'mmproj-model-f16.gguf: 439 tensors' },
};
const lora: MultiFile = {
  role: 'lora',
  name: 'adapter.gguf',
  fixed: { weightsBytes: 262_144, computeBytes: 0, loraRank: 16, basis: 'adapter' },
};

describe('restoreMulti: imported files and the vision projector', () => {
  it('keeps valid files with their bytes and drops each bad one by index', () => {
    const dropped: string[] = [];
    const files = [mmproj, { ...lora, fixed: { ...lora.fixed, weightsBytes: -1 } }, lora, { ...lora, role: 'main' }, { ...lora, extra: 1 }];
    const r = restoreMulti({ members: [], files, vision: { include: false, images: 3 } }, dropped);
    expect(r.files).toEqual([mmproj, lora]);
    expect(r.vision).toEqual({ include: false, images: 3 });
    expect(dropped).toEqual(['multi.files.1', 'multi.files.3', 'multi.files.4']);
  });

  it('a bad vision setting or file list falls back to the defaults and is named', () => {
    const dropped: string[] = [];
    const r = restoreMulti({ members: [], files: 'x', vision: { include: true, images: 1.5 } }, dropped);
    expect(r.files).toEqual([]);
    expect(r.vision).toEqual({ include: true, images: null });
    expect(dropped).toEqual(['multi.files', 'multi.vision']);
  });
});
