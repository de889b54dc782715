import { describe, expect, it } from 'vitest';
import { restoreWorkspace } from './workspace';
import { restoreMulti, type MultiEntry } from './workspace-multi';

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
    expect(restoreWorkspace({ multi: { members: [embed] } }).workspace.multi).toEqual({ members: [embed] });
    expect(restoreWorkspace({}).workspace.multi).toEqual({ members: [] });
    const bad = restoreWorkspace({ multi: 'x' });
    expect(bad.workspace.multi).toEqual({ members: [] });
    expect(bad.dropped).toContain('multi.members');
  });
});
