import { describe, expect, it } from 'vitest';
import { cleanSettings, withoutPath } from './evidence';
import { EVIDENCE_CSV_COLUMNS, evidenceToCsv, evidenceToJson } from './export';
import type { EvidenceRecord } from './types';

const record: EvidenceRecord = {
  id: 'run-1',
  date: '2026-01-02T03:04:05.000Z',
  machine: { key: 'GPU "X", 24 GiB | RAM 64 GiB', gpus: [{ name: 'GPU "X"', vramGiB: 24 }], ramGiB: 64 },
  runtime: 'llama.cpp',
  source: 'llama.cpp-log',
  model: { id: null, name: '=HYPERLINK("x")' },
  settings: {},
  components: [
    { name: 'weights', device: 'CUDA0', plannedBytes: 1000, measuredBytes: 1010 },
    { name: 'output', device: 'all', plannedBytes: null, measuredBytes: 5 },
  ],
  speed: [{ kind: 'prefill', test: 'pp512', devices: 'GPU "X"', plannedTokensPerSecond: 2000, measuredTokensPerSecond: 1800.5 }],
};

describe('evidence export', () => {
  it('writes one CSV line per figure, quoted by RFC 4180, with formulas defused', () => {
    const lines = evidenceToCsv([record]).split('\r\n');
    expect(lines[0]).toBe(EVIDENCE_CSV_COLUMNS.join(','));
    expect(lines[1]).toBe(
      `run-1,2026-01-02T03:04:05.000Z,"GPU ""X"", 24 GiB | RAM 64 GiB",llama.cpp,llama.cpp-log,"'=HYPERLINK(""x"")",memory,weights,CUDA0,bytes,1000,1010,10`,
    );
    expect(lines[2]).toMatch(/,memory,output,all,bytes,,5,$/);
    expect(lines[3]).toMatch(/,speed,prefill pp512,"GPU ""X""",tokens\/s,2000,1800\.5,-199\.5$/);
    expect(lines[4]).toBe('');
  });

  it('writes JSON that reads back to the same runs', () => {
    const parsed = JSON.parse(evidenceToJson([record], '2026-02-01T00:00:00.000Z')) as { runs: EvidenceRecord[]; kind: string };
    expect(parsed.kind).toBe('vram-planner-evidence');
    expect(parsed.runs).toEqual([record]);
  });
});

describe('no paths in stored settings', () => {
  it('keeps file names only', () => {
    expect(withoutPath('/home/me/models/a.gguf')).toBe('a.gguf');
    expect(withoutPath('C:\\Users\\me\\a.gguf')).toBe('a.gguf');
    expect(withoutPath('~/m/a.gguf')).toBe('a.gguf');
    expect(withoutPath('Q4_K - Medium')).toBe('Q4_K - Medium');
    expect(withoutPath('n_ctx = 4096')).toBe('n_ctx = 4096');
    expect(cleanSettings({ a: { b: ['/x/y/z.gguf', 1, Number.NaN] } })).toEqual({ a: { b: ['z.gguf', 1, null] } });
  });
});
