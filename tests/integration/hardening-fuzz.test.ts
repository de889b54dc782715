// Bounded fuzz over the tool and config parsers (issue 13): seeded, a few seconds. Every input must be
// answered (parsed, or refused with the parser's own error) without a crash and within 200 ms; counts
// go to docs/hardening.md. The GGUF header has its own fuzz in tests/unit/gguf-fuzz.test.ts.

import { describe, expect, it } from 'vitest';
import { ModelImportError, specFromHfConfig } from '../../src/core/model/from-hf-config';
import { parseAmdSmiStaticJson, parseRocmSmiJson } from '../../src/main/services/hardware/parsers/amd-tools';
import { parseLspci } from '../../src/main/services/hardware/parsers/lspci';
import { parseSysctl, parseSystemProfilerJson } from '../../src/main/services/hardware/parsers/macos';
import { parseNvidiaSmiCsv } from '../../src/main/services/hardware/parsers/nvidia-smi';
import { parseSysfsCards, SYSFS_FILES } from '../../src/main/services/hardware/parsers/sysfs-drm';
import { createTally } from '../support/tally';

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE = [
  '1e26',
  '0',
  '-1',
  'NaN',
  'Infinity',
  '0x6000',
  '99999999999999999999',
  '24564,5',
  '[N/A]',
  '',
  '\u001b[2J',
  '\u202Eevil',
  'constructor',
  '__proto__',
  '"',
  '{',
  '\u0000',
];

function junk(rand: () => number, seed: string): string {
  const kind = Math.floor(rand() * 6);
  const pick = (): string => HOSTILE[Math.floor(rand() * HOSTILE.length)]!;
  switch (kind) {
    case 0: // binary junk
      return Buffer.from(Array.from({ length: Math.floor(rand() * 4096) }, () => Math.floor(rand() * 256))).toString('latin1');
    case 1: // one long line of blanks or brackets
      return `${seed.slice(0, 40)}${(rand() < 0.5 ? ' ' : '[').repeat(50_000 + Math.floor(rand() * 150_000))}x`;
    case 2: // real text with hostile values swapped in
      return seed.replace(/\d+/g, () => (rand() < 0.3 ? pick() : String(Math.floor(rand() * 1e6))));
    case 3: // real text cut at a random point, repeated
      return seed.slice(0, Math.floor(rand() * seed.length)).repeat(1 + Math.floor(rand() * 50));
    case 4: // many lines
      return Array.from({ length: 2000 }, () => pick()).join(rand() < 0.5 ? '\n' : ', ');
    default: // deep JSON
      return `${'['.repeat(5000)}${']'.repeat(5000)}`;
  }
}

const seeds = {
  nvidia: '0, NVIDIA GeForce RTX 4090, 24564, 2048, 22129, 550.54.14, 00000000:01:00.0, 0x268410DE, 8.9',
  lspci:
    '0000:01:00.0 VGA compatible controller [0300]: NVIDIA Corporation AD102 [GeForce RTX 4090] [10de:2684] (rev a1)\n\tMemory at f0000000 (64-bit, prefetchable) [size=32G]\n\tKernel driver in use: nvidia',
  rocm: '{"card0": {"VRAM Total Memory (B)": "25753026560", "Card series": "Navi 31"}}',
  amd: '[{"gpu": 0, "asic": {"market_name": "AMD Radeon RX 7900 XTX"}, "vram": {"size": {"value": 24560, "unit": "MB"}}}]',
  profiler: '{"SPDisplaysDataType":[{"sppci_model":"Apple M2 Max","sppci_cores":"38"}]}',
  sysctl: 'hw.memsize: 68719476736\niogpu.wired_limit_mb: 0',
  sysfs: '25753026560',
  config:
    '{"model_type":"llama","hidden_size":4096,"num_hidden_layers":32,"num_attention_heads":32,"num_key_value_heads":8,"intermediate_size":14336,"vocab_size":128256}',
};

const parsers: Record<keyof typeof seeds, (text: string) => unknown> = {
  nvidia: (t) => parseNvidiaSmiCsv(t),
  lspci: (t) => parseLspci(t),
  rocm: (t) => parseRocmSmiJson(t),
  amd: (t) => parseAmdSmiStaticJson(t),
  profiler: (t) => parseSystemProfilerJson(t),
  sysctl: (t) => parseSysctl(t),
  sysfs: (t) => parseSysfsCards([{ card: 'card0', files: Object.fromEntries(SYSFS_FILES.map((f) => [f, t])) }]),
  config: (t) => {
    let raw: unknown;
    try {
      raw = JSON.parse(t);
    } catch {
      return null; // the reader refuses non-JSON before the parser sees it
    }
    try {
      return specFromHfConfig(raw);
    } catch (e) {
      if (e instanceof ModelImportError) return null;
      throw e;
    }
  },
};

const PER_PARSER = 120;
const tally = createTally('fuzz');

describe('fuzz: tool and config parsers never crash or stall', () => {
  for (const name of Object.keys(parsers) as (keyof typeof seeds)[]) {
    it(`${name}: ${PER_PARSER} hostile inputs`, () => {
      const rand = prng(0x13 + name.length * 7919);
      let crashes = 0;
      let slow = 0;
      for (let i = 0; i < PER_PARSER; i += 1) {
        const input = junk(rand, seeds[name]);
        const started = performance.now();
        try {
          parsers[name](input);
        } catch {
          crashes += 1;
        }
        const ms = performance.now() - started;
        if (ms > 200) slow += 1;
        tally.add(`${name} #${i}`, ms > 200 ? 'hang' : 'handled', { ms: Math.round(ms) });
      }
      tally.write();
      expect({ crashes, slow }).toEqual({ crashes: 0, slow: 0 });
    }, 20_000);
  }
});
