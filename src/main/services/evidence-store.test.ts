import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evidenceToCsv, learnCalibration, MAX_RECORDS, type ComparisonLike, type MachineKey } from '../../core/calibration/index';
import { createEvidenceStore, EVIDENCE_FILE, storeEvidence, type NewEvidence } from './evidence-store';

const machine: MachineKey = {
  key: 'NVIDIA GeForce RTX 4090 24 GiB | RAM 64 GiB',
  gpus: [{ name: 'NVIDIA GeForce RTX 4090', vramGiB: 24 }],
  ramGiB: 64,
};

function bench(ratio: number): NewEvidence {
  return {
    machine,
    runtime: 'llama.cpp',
    source: 'llama-bench',
    model: { id: 'qwen3-8b', name: 'Qwen3 8B' },
    settings: {},
    components: [],
    speed: [
      {
        kind: 'decode',
        test: 'tg128',
        devices: 'NVIDIA GeForce RTX 4090',
        plannedTokensPerSecond: 100,
        measuredTokensPerSecond: 100 * ratio,
      },
    ],
  };
}

const dirOf = () => mkdtemp(join(tmpdir(), 'vp-evidence-'));

describe('evidence store', () => {
  it('keeps runs across a restart, removes one, clears all, and remembers consent', async () => {
    const dir = await dirOf();
    const a = await createEvidenceStore(dir).add(bench(0.9));
    expect(a.added.id).toMatch(/^run-[a-z0-9]+-[0-9a-f]{6}$/);
    await createEvidenceStore(dir).add(bench(0.8));
    await createEvidenceStore(dir).setConsent(true);
    const again = await createEvidenceStore(dir).state();
    expect(again.records.map((r) => r.speed[0]!.measuredTokensPerSecond)).toEqual([90, 80]);
    expect(again.consent).toBe(true);
    expect(again.problem).toBeNull();
    expect(learnCalibration(again.records, machine.key)!.speed['NVIDIA GeForce RTX 4090']!.decode).toBeCloseTo(0.85, 9);
    const removed = await createEvidenceStore(dir).remove(a.added.id);
    expect(removed.records).toHaveLength(1);
    const cleared = await createEvidenceStore(dir).clear();
    expect(cleared.records).toEqual([]);
    expect(cleared.consent).toBe(true);
    expect(learnCalibration(cleared.records, machine.key)).toBeNull();
  });

  it('round-trips a record exactly, and the file is versioned JSON', async () => {
    const dir = await dirOf();
    const { added } = await createEvidenceStore(dir).add(bench(0.9));
    const raw = JSON.parse(await readFile(join(dir, EVIDENCE_FILE), 'utf8')) as { version: number; records: unknown[] };
    expect(raw.version).toBe(1);
    expect(raw.records).toEqual([added]);
    expect((await createEvidenceStore(dir).state()).records).toEqual([added]);
    expect(evidenceToCsv([added])).toContain('speed,decode tg128,NVIDIA GeForce RTX 4090,tokens/s,100,90,-10');
  });

  it('keeps a damaged file aside and starts empty', async () => {
    const dir = await dirOf();
    await writeFile(join(dir, EVIDENCE_FILE), '{"version": 1, "records": [');
    const s = await createEvidenceStore(dir).state();
    expect(s.records).toEqual([]);
    expect(s.problem).toMatch(/kept as evidence\.corrupt-/);
    expect((await readdir(dir)).some((f) => f.startsWith('evidence.corrupt-'))).toBe(true);
    await createEvidenceStore(dir).add(bench(1));
    expect((await createEvidenceStore(dir).state()).records).toHaveLength(1);
  });

  it('reads a newer file but never writes over it', async () => {
    const dir = await dirOf();
    const first = await createEvidenceStore(dir).add(bench(0.9));
    const newer = { version: 2, consent: true, records: [first.added, { id: 'run-future', shape: 'new' }], extra: 'from v2' };
    const text = JSON.stringify(newer);
    await writeFile(join(dir, EVIDENCE_FILE), text);
    const s = await createEvidenceStore(dir).state();
    expect(s.readOnly).toBe(true);
    expect(s.records).toEqual([first.added]);
    expect(s.problem).toMatch(/1 stored run could not be read.*newer VRAM Planner \(version 2\)/);
    await expect(createEvidenceStore(dir).clear()).rejects.toThrow(/newer VRAM Planner/);
    await expect(createEvidenceStore(dir).add(bench(1))).rejects.toThrow(/newer VRAM Planner/);
    expect(await readFile(join(dir, EVIDENCE_FILE), 'utf8')).toBe(text);
  });

  it('keeps at most MAX_RECORDS readable runs, dropping the oldest, and never an unreadable entry', async () => {
    const dir = await dirOf();
    const { added } = await createEvidenceStore(dir).add(bench(1));
    const many = Array.from({ length: MAX_RECORDS }, (_, i) => ({ ...added, id: `run-old-${i}` }));
    const foreign = { id: 'run-from-a-newer-app', shape: 'new' };
    await writeFile(join(dir, EVIDENCE_FILE), JSON.stringify({ version: 1, consent: false, records: [foreign, ...many] }));
    const s = await createEvidenceStore(dir).add(bench(0.5));
    expect(s.records).toHaveLength(MAX_RECORDS);
    expect(s.records[0]!.id).toBe('run-old-1');
    expect(s.records[MAX_RECORDS - 1]!.speed[0]!.measuredTokensPerSecond).toBe(50);
    const raw = JSON.parse(await readFile(join(dir, EVIDENCE_FILE), 'utf8')) as { records: { id: string }[] };
    expect(raw.records[0]!.id).toBe('run-from-a-newer-app');
  });

  it('refuses an invalid run with a sentence', async () => {
    const dir = await dirOf();
    const bad = { ...bench(1), speed: [{ ...bench(1).speed[0]!, measuredTokensPerSecond: -5 }] };
    await expect(createEvidenceStore(dir).add(bad)).rejects.toThrow(/cannot be stored/);
  });

  it('stores a check comparison without any path', async () => {
    const dir = await dirOf();
    const comparison: ComparisonLike = {
      runtime: 'llama.cpp',
      source: 'llama.cpp-log',
      settings: { nCtx: 8192, model: { name: 'Qwen3 8B', path: '/home/someone/models/Qwen3-8B-Q4_K_M.gguf' }, devices: ['CUDA0'] },
      components: [{ name: 'compute', device: 'all', plannedBytes: 300e6, measuredBytes: 320e6 }],
      speed: [],
    };
    const r = await storeEvidence(dir, comparison, { machine, gpuNames: ['NVIDIA GeForce RTX 4090'] });
    expect(r.model.name).toBe('Qwen3 8B');
    const text = await readFile(join(dir, EVIDENCE_FILE), 'utf8');
    expect(text).toContain('Qwen3-8B-Q4_K_M.gguf');
    expect(text).not.toContain('/home/someone');
  });
});
