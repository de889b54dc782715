import { describe, expect, it } from 'vitest';
import { defaultTrainingSettings } from '../train';
import { restoreWorkspace } from './workspace';
import { defaultWorkspaceTraining, restoreTraining, TRAINING_FIELDS } from './workspace-train';

describe('training part of the workspace', () => {
  it('starts in inference mode with QLoRA settings ready, and a file without it restores to that', () => {
    const { workspace, dropped } = restoreWorkspace({ version: 1, section: 'compare' });
    expect(workspace.training).toEqual(defaultWorkspaceTraining());
    expect(workspace.training!.settings.method).toBe('qlora');
    expect(dropped).toEqual([]);
  });

  it('keeps every valid stored setting through a save and restore', () => {
    const settings = {
      ...defaultTrainingSettings('full'),
      batch: 4,
      seq: 4096,
      optimizer: 'adamw-8bit' as const,
      zero: 3 as const,
      gpus: 2,
    };
    settings.lora = { rank: 64, alpha: 128, targets: ['q', 'v'] };
    const { workspace, dropped } = restoreWorkspace(JSON.parse(JSON.stringify({ version: 1, training: { mode: 'train', settings } })));
    expect(dropped).toEqual([]);
    expect(workspace.training).toEqual({ mode: 'train', settings });
  });

  it('drops only the fields that are not valid, and names them', () => {
    const dropped: string[] = [];
    const r = restoreTraining(
      {
        mode: 'pretrain',
        settings: { method: 'qlora', batch: 0, seq: 8192, optimizer: 'lion', lora: { rank: 8, alpha: 16, targets: ['q', 'x'] } },
      },
      dropped,
    );
    expect(dropped.sort()).toEqual(['training.mode', 'training.settings.batch', 'training.settings.lora', 'training.settings.optimizer']);
    expect(r.mode).toBe('inference');
    expect(r.settings.seq).toBe(8192);
    expect(r.settings.batch).toBe(defaultTrainingSettings('qlora').batch);
    expect(r.settings.lora).toEqual(defaultTrainingSettings('qlora').lora);
  });

  it('ignores a training value that is not an object', () => {
    const dropped: string[] = [];
    expect(restoreTraining('train', dropped)).toEqual(defaultWorkspaceTraining());
    expect(restoreTraining(null, dropped).mode).toBe('inference');
  });

  it('has a validator for every training setting, so none is silently dropped on restore', () => {
    for (const method of ['full', 'lora', 'qlora'] as const)
      for (const key of Object.keys(defaultTrainingSettings(method))) expect(TRAINING_FIELDS, key).toHaveProperty(key);
  });
});
