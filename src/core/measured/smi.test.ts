import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MiB } from '../units';
import { parseNvidiaSmi, processTotals } from './nvidia-smi';
import { parseRocmSmi } from './rocm-smi';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../tests/fixtures/measured', name), 'utf8');

describe('parseNvidiaSmi', () => {
  it('reads two GPUs of a table cut off before the processes (club-3090 PR 96)', () => {
    const smi = parseNvidiaSmi(fixture('nvidia-smi-club3090-96-two-gpu-truncated.txt'));
    expect(smi).toMatchObject({ format: 'table', driverVersion: '580.142', cudaVersion: '13.0' });
    expect(smi.gpus).toEqual([
      { index: 0, name: 'NVIDIA GeForce RTX 3090', usedBytes: 22188 * MiB, totalBytes: 24576 * MiB },
      { index: 1, name: 'NVIDIA GeForce RTX 3090', usedBytes: 22188 * MiB, totalBytes: 24576 * MiB },
    ]);
    expect(smi.missing).toEqual(['per-process memory']);
  });

  it('reads the processes table and sums it per GPU (ollama issue 11676)', () => {
    const smi = parseNvidiaSmi(fixture('nvidia-smi-ollama-11676-processes.txt'));
    expect(smi.processes[0]).toEqual({ gpu: 0, pid: 48824, type: 'C', name: '/opt/venv/bin/python3', usedBytes: 238 * MiB });
    expect(smi.processes).toHaveLength(4);
    expect(processTotals(smi.processes)).toEqual(new Map([['0', (238 + 238 + 364 + 958) * MiB]]));
    expect(processTotals(smi.processes, /frigate/)).toEqual(new Map([['0', (364 + 958) * MiB]]));
  });

  it('reads a table whose padding was collapsed to single spaces (gist)', () => {
    const smi = parseNvidiaSmi(fixture('nvidia-smi-gist-collapsed.txt'));
    expect(smi.gpus).toEqual([{ index: 0, name: 'NVIDIA RTX A6000', usedBytes: 47067 * MiB, totalBytes: 49140 * MiB }]);
  });

  it('reads the pre-2023 layout (ollama issue 1438) and old process rows without GI/CI, with CRLF', () => {
    expect(parseNvidiaSmi(fixture('nvidia-smi-ollama-1438-old-format.txt')).gpus[0]).toMatchObject({
      name: 'Tesla T4',
      usedBytes: 5615 * MiB,
    });
    const old = ['|  Processes:', '|    1      4242      C   python                                      1234MiB |'].join('\r\n');
    expect(parseNvidiaSmi(old).processes).toEqual([{ gpu: 1, pid: 4242, type: 'C', name: 'python', usedBytes: 1234 * MiB }]);
  });

  it('keeps N/A (Windows WDDM) as unknown and says why', () => {
    const text = ['| Processes:', '|    0   N/A  N/A     10236    C+G   ...n64\\EBWebView\\x64\\EBWebView.exe      N/A      |'].join('\n');
    const smi = parseNvidiaSmi(text);
    expect(smi.processes[0]).toMatchObject({ pid: 10236, type: 'C+G', usedBytes: null });
    expect(smi.problems[0]).toMatch(/WDDM/);
  });

  it('reads --query-compute-apps CSV with units, and --query-gpu CSV with nounits', () => {
    const apps = parseNvidiaSmi(fixture('nvidia-smi-compute-apps-derived.csv'));
    expect(apps.format).toBe('csv');
    expect(apps.processes.map((p) => p.usedBytes)).toEqual([238, 238, 364, 958].map((x) => x * MiB));
    const gpus = parseNvidiaSmi('index, name, memory.used [MiB], memory.total [MiB]\n0, NVIDIA GeForce RTX 4090, 1234, 24564\n');
    expect(gpus.gpus).toEqual([{ index: 0, name: 'NVIDIA GeForce RTX 4090', usedBytes: 1234 * MiB, totalBytes: 24564 * MiB }]);
  });

  it('rejects other text', () => {
    expect(parseNvidiaSmi('no table').format).toBe('none');
  });
});

describe('parseRocmSmi', () => {
  it('reads --showmeminfo vram (legacy-rocm-build issue 1909)', () => {
    const r = parseRocmSmi(fixture('rocm-smi-1909-meminfo.txt'));
    expect(r.gpus).toEqual([{ index: 0, totalBytes: 4278190080, usedBytes: 108814336 }]);
  });

  it('reads --showpids, where GPU(s) is a count not an index (ROC-smi issue 60)', () => {
    const r = parseRocmSmi(fixture('rocm-smi-60-showpids.txt'));
    expect(r.processes).toHaveLength(8);
    expect(r.processes[2]).toEqual({ gpu: null, pid: 1168514, name: 'pt_main_thread', usedBytes: 177386942464 });
  });

  it('reads tab-separated --showpids=details with a GPU index on two rows (rocm-systems issue 4405)', () => {
    const r = parseRocmSmi(fixture('rocm-smi-4405-showpids-details.txt'));
    expect(r.processes.map((p) => [p.gpu, p.usedBytes])).toEqual([
      [2, 15053770752],
      [2, 16869904384],
    ]);
  });

  it('keeps UNKNOWN as unknown among "Not supported" warnings (rocm_smi_lib issue 166)', () => {
    const r = parseRocmSmi(fixture('rocm-smi-166-unknown-warnings.txt'));
    expect(r.processes.every((p) => p.usedBytes === null)).toBe(true);
    expect(r.problems).toContain('rocm-smi: per-process figures are not supported on this system.');
  });

  it('reads --csv and --json (marimo issue 9237)', () => {
    const csv = parseRocmSmi(fixture('rocm-smi-marimo-9237.csv'));
    const json = parseRocmSmi(fixture('rocm-smi-marimo-9237.json'));
    const card = { index: 0, totalBytes: 21458059264, usedBytes: 27856896, name: 'Radeon RX 7900 XT' };
    expect([csv.format, json.format]).toEqual(['csv', 'json']);
    expect(csv.gpus).toEqual([card]);
    expect(json.gpus).toEqual([card]);
  });

  it('reports "Unable to get GPU memory use" per GPU (ROC-smi issue 73)', () => {
    const r = parseRocmSmi(fixture('rocm-smi-73-errors.txt'));
    expect(r.format).toBe('none');
    expect(r.problems).toEqual(['GPU 0: Unable to get GPU memory use.', 'GPU 1: Unable to get GPU memory use.']);
  });
});
