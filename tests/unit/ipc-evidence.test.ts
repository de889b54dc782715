// The stored-runs channels through the same dispatch the app uses: arguments checked, runs kept in the
// test's own user-data folder, a newer file refused with a sentence.

import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/ipc-core';
import type { EvidenceState, NewEvidence } from '../../src/core/calibration/index';
import { testHandlers } from '../e2e/support/handlers';

const run: NewEvidence = {
  machine: { key: 'GPU A 24 GiB | RAM 64 GiB', gpus: [{ name: 'GPU A', vramGiB: 24 }], ramGiB: 64 },
  runtime: 'llama.cpp',
  source: 'llama-bench',
  model: { id: null, name: 'llama 8B Q4_0' },
  settings: {},
  components: [],
  speed: [{ kind: 'decode', test: 'tg128', devices: 'GPU A', plannedTokensPerSecond: 100, measuredTokensPerSecond: 90 }],
};

describe('evidence IPC', () => {
  it('keeps, lists, removes and clears runs, and sets the consent', async () => {
    const { handlers: h } = await testHandlers({});
    const added = await dispatch(h, 'evidence:add', [run]);
    expect(added.ok).toBe(true);
    const listed = await dispatch(h, 'evidence:list', []);
    const state = (listed as { ok: true; value: EvidenceState }).value;
    expect(state.records).toHaveLength(1);
    expect(state.records[0]!.id).toMatch(/^run-/);
    expect((await dispatch(h, 'evidence:consent', [true])) as unknown).toMatchObject({ ok: true, value: { consent: true } });
    expect(await dispatch(h, 'evidence:remove', [state.records[0]!.id])).toMatchObject({ ok: true, value: { records: [] } });
    await dispatch(h, 'evidence:add', [run]);
    expect(await dispatch(h, 'evidence:clear', [])).toMatchObject({ ok: true, value: { records: [], consent: true } });
  });

  it('refuses a malformed or oversized run, and names and dates runs itself', async () => {
    const { handlers: h } = await testHandlers({});
    expect(await dispatch(h, 'evidence:add', [{ ...run, speed: [{ ...run.speed[0], kind: 'train' }] }])).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    });
    // An id or date from the page is dropped: main names and dates every run itself.
    const smuggled = (await dispatch(h, 'evidence:add', [{ ...run, id: 'run-mine', date: '1999-01-01T00:00:00.000Z' }])) as {
      ok: true;
      value: EvidenceState;
    };
    expect(smuggled.value.records[0]!.id).not.toBe('run-mine');
    expect(smuggled.value.records[0]!.date).not.toMatch(/^1999/);
    const huge = { ...run, settings: { blob: 'x'.repeat(600 * 1024) } };
    expect(await dispatch(h, 'evidence:add', [huge])).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await dispatch(h, 'evidence:consent', ['yes'])).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });
});
