import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getModel } from '../catalog';
import { MiB } from '../units';
import { compareLlamaLog, measuredOnly, modelFromLog, quantFromFileType, settingsFromLog } from './compare';
import { parseLlamaLog } from './llama-log';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../tests/fixtures/measured', name), 'utf8');
const log562 = parseLlamaLog(fixture('ik-llama-562-vulkan-llama31-8b.log'));

describe('settingsFromLog', () => {
  it('plans for exactly the run the log describes', () => {
    const notes: string[] = [];
    const s = settingsFromLog(log562, null, notes);
    expect(s).toMatchObject({
      quant: 'Q4_0',
      context: 16384,
      parallel: 1,
      ubatch: 1024,
      batch: 2048,
      flashAttention: true,
      kvTypeK: 'f16',
      backend: 'vulkan',
    });
    expect(notes).toEqual([]);
  });

  it('reads per-sequence context and slots from a multi-slot log', () => {
    const s = settingsFromLog(parseLlamaLog(fixture('llama-cpp-9390-eight-gpu.log')), null, []);
    expect(s).toMatchObject({
      context: 2048,
      parallel: 8,
      ubatch: 256,
      kvTypeK: 'q4_0',
      kvTypeV: 'f16',
      flashAttention: false,
      backend: 'cuda',
    });
  });

  it('says what it had to assume', () => {
    const notes: string[] = [];
    settingsFromLog(parseLlamaLog(fixture('llama-cpp-python-89-cpu.log')), null, notes);
    expect(notes.join(' ')).toMatch(/No file type/);
    expect(notes.join(' ')).toMatch(/Flash attention was "auto"/);
  });

  it('maps llama.cpp file type names to quant ids', () => {
    expect(quantFromFileType('Q4_K - Medium')).toBe('Q4_K_M');
    expect(quantFromFileType('Q3_K - Large')).toBe('Q3_K_L');
    expect(quantFromFileType('Q6_K')).toBe('Q6_K');
    expect(quantFromFileType('IQ4_XS - 4.25 bpw')).toBe('IQ4_XS');
    expect(quantFromFileType('all F32')).toBe('F32');
    expect(quantFromFileType(undefined)).toBeNull();
  });
});

describe('compareLlamaLog', () => {
  it('matches the weights and KV cache of a real run to the buffer rounding, with the library model', () => {
    const spec = getModel('llama-3.1-8b-instruct')!.spec;
    const c = compareLlamaLog(log562, { spec }, settingsFromLog(log562, null, []), 'library');
    const at = (name: string, device: string) => c.components.find((x) => x.name === name && x.device === device)!;
    // Each log line is rounded to 0.01 MiB; the planned bytes are exact tensor sums.
    expect(Math.abs(at('weights', 'Vulkan0').differenceBytes!)).toBeLessThan(0.01 * MiB);
    expect(Math.abs(at('weights', 'CPU_Mapped').differenceBytes!)).toBeLessThan(0.01 * MiB);
    expect(at('kvCache', 'all').differenceBytes).toBe(0);
    expect(at('output', 'all').withinBand).toBe(true);
    for (const row of c.components) expect(row.differenceBytes).toBe(row.measuredBytes - row.plannedBytes!);
    const total = at('total', 'all');
    expect(total.measuredBytes).toBe(
      c.components.filter((x) => x.device === 'all' && x.name !== 'total').reduce((a, x) => a + x.measuredBytes, 0),
    );
  });

  it('plans from the dimensions the log printed when no model is given, and says so', () => {
    const m = modelFromLog(log562)!;
    expect(m.source).toMatch(/dimensions the log printed/);
    expect(m.input.spec).toMatchObject({ layers: 32, hiddenSize: 4096, kvHeads: 8, intermediateSize: 14336, vocabSize: 128256 });
    const c = compareLlamaLog(log562, m.input, settingsFromLog(log562, null, []), m.source);
    expect(c.components.find((x) => x.name === 'kvCache')!.differenceBytes).toBe(0);
  });

  it('gives no model from a log without a parameter count, and measured-only rows', () => {
    const log = parseLlamaLog(fixture('llama-cpp-9390-eight-gpu.log'));
    expect(modelFromLog(log)).toBeNull();
    const rows = measuredOnly(log);
    expect(rows.map((r) => r.name)).toEqual(['weights', 'kvCache', 'total']);
    expect(rows.every((r) => r.plannedBytes === null && r.withinBand === null)).toBe(true);
  });
});
