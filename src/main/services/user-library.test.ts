import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getModel } from '../../core/catalog';
import type { ImportedModel } from '../../shared/ipc-contract';
import { createUserLibrary, USER_LIBRARY_FILE } from './user-library';
import { createWorkspaceStore } from './workspace';

function imported(name: string): ImportedModel {
  const spec = { ...getModel('qwen3-8b')!.spec, id: `hf-${name}`, name };
  return {
    kind: 'hf',
    name,
    input: { spec },
    architecture: 'qwen3',
    parameterCount: 8e9,
    layers: spec.layers,
    weightsBytes: 16e9,
    quant: 'bf16',
    files: ['config.json'],
    warnings: [],
    bytesRead: 1200,
  };
}

describe('user model library', () => {
  it('keeps an imported model across a new store instance (a restart)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vp-lib-'));
    const saved = await createUserLibrary(dir).save(imported('My Model 9B'));
    expect(saved.models).toHaveLength(1);
    expect(saved.models[0]!.id).toMatch(/^user-my-model-9b-[0-9a-f]{6}$/);
    const again = await createUserLibrary(dir).list();
    expect(again.models.map((m) => m.name)).toEqual(['My Model 9B']);
    expect(again.models[0]!.input.spec.layers).toBe(getModel('qwen3-8b')!.spec.layers);
  });

  it('replaces a model of the same name and removes by id', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vp-lib-'));
    const lib = createUserLibrary(dir);
    await lib.save(imported('A'));
    const two = await lib.save(imported('A'));
    expect(two.models).toHaveLength(1);
    const gone = await lib.remove(two.models[0]!.id);
    expect(gone.models).toEqual([]);
  });

  it('rejects an unusable spec with a sentence and keeps unreadable entries in the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vp-lib-'));
    const bad = imported('Broken');
    (bad.input.spec as { layers: number }).layers = -3;
    await expect(createUserLibrary(dir).save(bad)).rejects.toThrow(/cannot be kept/);
    await writeFile(join(dir, USER_LIBRARY_FILE), JSON.stringify({ version: 1, models: [{ id: 'user-future-1', strange: true }] }));
    const lib = createUserLibrary(dir);
    const state = await lib.list();
    expect(state.models).toEqual([]);
    expect(state.problem).toMatch(/1 saved model could not be read/);
    await lib.save(imported('B'));
    const raw = JSON.parse(await readFile(join(dir, USER_LIBRARY_FILE), 'utf8')) as { models: unknown[] };
    expect(raw.models).toHaveLength(2);
  });
});

describe('workspace store', () => {
  it('saves and loads the workspace; a damaged file is kept aside and reported', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vp-ws-'));
    const file = join(dir, 'workspace.json');
    expect((await createWorkspaceStore(file).load()).workspace).toBeNull();
    await createWorkspaceStore(file).save({ version: 1, section: 'compare' });
    expect((await createWorkspaceStore(file).load()).workspace).toEqual({ version: 1, section: 'compare' });
    await writeFile(file, '{"version": 1, "section": ');
    const r = await createWorkspaceStore(file).load();
    expect(r.workspace).toBeNull();
    expect(r.problem).toMatch(/kept as workspace\.corrupt-/);
  });
});
