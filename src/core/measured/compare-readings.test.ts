import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MiB } from '../units';
import { compareReadings } from './compare-readings';
import { parseNvidiaSmi } from './nvidia-smi';
import { parseRocmSmi } from './rocm-smi';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../tests/fixtures/measured', name), 'utf8');

describe('compareReadings', () => {
  it("compares each GPU's used memory when no processes are listed (club-3090 PR 96, two GPUs)", () => {
    const smi = parseNvidiaSmi(fixture('nvidia-smi-club3090-96-two-gpu-truncated.txt'));
    const c = compareReadings(
      smi,
      [
        { index: 0, bytes: 21000 * MiB },
        { index: 1, bytes: 23500 * MiB },
      ],
      0.05,
    );
    expect(c.measuredAs).toBe('used');
    expect(c.components.map((x) => [x.device, x.differenceBytes, x.withinBand])).toEqual([
      ['GPU0', 1188 * MiB, false],
      ['GPU1', -1312 * MiB, false],
    ]);
    expect(c.notes[0]).toMatch(/whole used memory/);
  });

  it("sums only the runtime's own processes on a GPU (ollama issue 11676)", () => {
    const smi = parseNvidiaSmi(fixture('nvidia-smi-ollama-11676-processes.txt'));
    const c = compareReadings(smi, [{ index: 0, bytes: 1300 * MiB }], 0.05, /frigate/);
    expect(c.measuredAs).toBe('processes');
    expect(c.components[0]).toMatchObject({ measuredBytes: (364 + 958) * MiB, withinBand: true });
  });

  it('uses rocm-smi GPU indices from --showpids=details and says when a GPU has no reading (rocm-systems issue 4405)', () => {
    const r = parseRocmSmi(fixture('rocm-smi-4405-showpids-details.txt'));
    const c = compareReadings(
      r,
      [
        { index: 2, bytes: 31e9 },
        { index: 0, bytes: 1e9 },
      ],
      0.05,
    );
    expect(c.components[0]).toMatchObject({ device: 'GPU2', measuredBytes: 15053770752 + 16869904384 });
    expect(c.notes).toContain('GPU 0: no reading in the output.');
  });
});
