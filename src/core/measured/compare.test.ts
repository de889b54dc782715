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

describe('compareLlamaLog per device on several GPUs', () => {
  // Constructed from the real single-GPU log: the same run split over two GPUs by the verbose
  // "layer N assigned to device" lines (format of llama-model.cpp's load_tensors debug output). The
  // measured split is invented, so only the planned side is checked: it must add up to the one-GPU plan.
  const text = fixture('ik-llama-562-vulkan-llama31-8b.log')
    .replace(
      'load_tensors: offloaded 33/33 layers to GPU',
      Array.from(
        { length: 32 },
        (_, il) => `load_tensors: layer ${String(il).padStart(3)} assigned to device Vulkan${il < 16 ? 0 : 1}, is_swa = 0`,
      )
        .concat('load_tensors: offloaded 33/33 layers to GPU')
        .join('\n'),
    )
    .replace('load_tensors:   CPU_Mapped', 'load_tensors:      Vulkan1 model buffer size =  2000.00 MiB\nload_tensors:   CPU_Mapped')
    .replace(
      'llama_kv_cache_unified: size',
      'llama_kv_cache_unified:    Vulkan1 KV buffer size =  1024.00 MiB\nllama_kv_cache_unified: size',
    );

  it('splits the plan by the layers each GPU holds', () => {
    const log = parseLlamaLog(text);
    expect(log.layerDevices.filter((d) => d === 'Vulkan1')).toHaveLength(16);
    const spec = getModel('llama-3.1-8b-instruct')!.spec;
    const s = settingsFromLog(log, null, []);
    const two = compareLlamaLog(log, { spec }, s, 'library').components;
    const one = compareLlamaLog(log562, { spec }, s, 'library').components;
    const planned = (rows: typeof one, name: string, device: string) =>
      rows.find((r) => r.name === name && r.device === device)!.plannedBytes!;
    expect(planned(two, 'weights', 'Vulkan0') + planned(two, 'weights', 'Vulkan1')).toBe(planned(one, 'weights', 'Vulkan0'));
    expect(planned(two, 'kvCache', 'Vulkan0')).toBe(planned(two, 'kvCache', 'Vulkan1'));
    expect(planned(two, 'kvCache', 'Vulkan0') * 2).toBe(planned(one, 'kvCache', 'Vulkan0'));
    // The output matrix sits with the last layer, so the second GPU carries more weight bytes.
    expect(planned(two, 'weights', 'Vulkan1')).toBeGreaterThan(planned(two, 'weights', 'Vulkan0'));
  });

  it('gives sums only, and says why, without the assignment lines', () => {
    const log = parseLlamaLog(fixture('llama-cpp-6122-two-gpu.log'));
    log.model.parameters = 8.03e9;
    const c = compareLlamaLog(log, { spec: getModel('llama-3.1-8b-instruct')!.spec }, settingsFromLog(log, 'Q4_0', []), 'library');
    expect(c.components.every((r) => r.device === 'all')).toBe(true);
    expect(c.notes.join(' ')).toMatch(/layer N assigned to device/);
  });
});
