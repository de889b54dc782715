import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MachineKey } from '../../core/calibration/index';
import { createEvidenceStore, EVIDENCE_FILE, type NewEvidence } from '../../main/services/evidence-store';
import { appDataDir } from '../data-dir';
import { runCli } from '../index';
import { createCalibrateCommand } from './calibrate';

const machine: MachineKey = { key: 'GPU A 24 GiB | RAM 64 GiB', gpus: [{ name: 'GPU A', vramGiB: 24 }], ramGiB: 64 };
const run = (ratio: number): NewEvidence => ({
  machine,
  runtime: 'llama.cpp',
  source: 'llama-bench',
  model: { id: null, name: 'qwen3 8B Q4_K - Medium' },
  settings: {},
  components: [],
  speed: [
    { kind: 'decode', test: 'tg128', devices: 'GPU A', plannedTokensPerSecond: 50, measuredTokensPerSecond: 50 * ratio },
    { kind: 'prefill', test: 'pp512', devices: 'GPU A', plannedTokensPerSecond: 3000, measuredTokensPerSecond: 3000 * ratio },
  ],
});

async function cli(dir: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const cmd = createCalibrateCommand({ dataDir: () => dir, now: () => new Date('2026-03-04T05:06:07Z') });
  const code = await cmd(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('vram-planner calibrate', () => {
  it('lists the runs and what this machine learned, as text and JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vp-cal-'));
    expect((await cli(dir, ['--list'])).out).toMatch(/^No stored runs/);
    for (const r of [0.9, 0.9, 0.9]) await createEvidenceStore(dir).add(run(r));
    const text = await cli(dir, ['--list']);
    expect(text.out).toContain('3 stored runs in');
    expect(text.out).toContain('calibrated from 3 runs');
    expect(text.out).toContain('Speed on GPU A: decode ×0.90 (3 runs), prefill ×0.90 (3 runs)');
    expect(text.out).toContain('not applied (consent off');
    const json = JSON.parse((await cli(dir, ['--list', '--json'])).out) as {
      consent: boolean;
      runs: unknown[];
      machines: { machine: string; calibration: { runs: number; speed: Record<string, { decode: number }> } }[];
    };
    expect(json.consent).toBe(false);
    expect(json.runs).toHaveLength(3);
    expect(json.machines[0]!.machine).toBe(machine.key);
    expect(json.machines[0]!.calibration.speed['GPU A']!.decode).toBeCloseTo(0.9, 9);
  });

  it('clears the runs, sets consent and exports CSV', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vp-cal-'));
    await createEvidenceStore(dir).add(run(0.8));
    expect((await cli(dir, ['--consent', 'on'])).code).toBe(0);
    const csv = (await cli(dir, ['--export', 'csv'])).out.split('\r\n');
    expect(csv).toHaveLength(3);
    expect(csv[1]).toMatch(/,speed,decode tg128,GPU A,tokens\/s,50,40,-10$/);
    const cleared = JSON.parse((await cli(dir, ['--clear', '--json'])).out) as { removed: number; runs: unknown[]; consent: boolean };
    expect(cleared).toMatchObject({ removed: 1, runs: [], consent: true });
    const raw = JSON.parse(await readFile(join(dir, EVIDENCE_FILE), 'utf8')) as { records: unknown[] };
    expect(raw.records).toEqual([]);
  });

  it('refuses two actions or a bad value with a usage line (exit 2)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vp-cal-'));
    await expect(cli(dir, ['--list', '--clear'])).rejects.toThrow(/not several/);
    await expect(cli(dir, ['--consent', 'maybe'])).rejects.toThrow(/on or off/);
    const err: string[] = [];
    expect(await runCli(['calibrate', '--frobnicate'], { out: () => undefined, err: (t) => err.push(t) })).toBe(2);
    expect(err.join('')).toMatch(/Usage: vram-planner calibrate/);
  });
});

describe('app data folder', () => {
  it('is where Electron puts userData for productName, unless VRAM_PLANNER_DATA_DIR says otherwise', () => {
    expect(appDataDir({}, 'linux', '/h')).toBe(join('/h', '.config', 'VRAM Planner'));
    expect(appDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/h')).toBe(join('/x', 'VRAM Planner'));
    expect(appDataDir({ XDG_CONFIG_HOME: 'rel' }, 'linux', '/h')).toBe(join('/h', '.config', 'VRAM Planner'));
    expect(appDataDir({}, 'darwin', '/h')).toBe(join('/h', 'Library', 'Application Support', 'VRAM Planner'));
    expect(appDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', '/h')).toBe(
      join('C:\\Users\\u\\AppData\\Roaming', 'VRAM Planner'),
    );
    expect(appDataDir({ VRAM_PLANNER_DATA_DIR: '/data/vp' }, 'linux', '/h')).toBe('/data/vp');
  });
});
