import { describe, expect, it } from 'vitest';
import { defaultServeSettings, restoreServe, SERVE_FIELDS } from './workspace-serve';
import { restoreWorkspace } from './workspace';

describe('Serve part of the workspace', () => {
  it('has a validator for every setting', () => {
    expect(Object.keys(SERVE_FIELDS).sort()).toEqual(Object.keys(defaultServeSettings()).sort());
  });

  it('restores what was saved and replaces only the bad fields, naming them', () => {
    const dropped: string[] = [];
    const r = restoreServe(
      { inPlan: true, settings: { runtime: 'sglang', users: 128, tp: 4, sharedPrefix: 1.5, nodes: 0, rate: 'fast' } },
      dropped,
    );
    expect(r.inPlan).toBe(true);
    expect(r.settings).toMatchObject({ runtime: 'sglang', users: 128, tp: 4, sharedPrefix: 0, nodes: 1, rate: 4 });
    expect(dropped.sort()).toEqual(['serve.settings.nodes', 'serve.settings.rate', 'serve.settings.sharedPrefix']);
  });

  it('is filled by restoreWorkspace, and an old workspace without it gets the defaults', () => {
    const { workspace, dropped } = restoreWorkspace({ version: 1, section: 'serve' });
    expect(workspace.section).toBe('serve');
    expect(workspace.serve).toEqual({ inPlan: false, settings: defaultServeSettings() });
    expect(dropped).toEqual([]);
    expect(restoreWorkspace({ serve: { inPlan: 'yes' } }).dropped).toEqual(['serve.inPlan']);
  });
});
