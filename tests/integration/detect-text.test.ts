// Every note and GPU warning the real detection writes, over stand-in tools in many failure modes, is a
// sentence the UI's catalog recognises (core/i18n/detect-text.ts), so none reaches a Japanese user in
// English. A new sentence in a service without a template fails here.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isKnownDetectText, localizeDetectText } from '../../src/core/i18n/detect-text';
import { detectHardware } from '../../src/main/services/hardware/index';
import { createFakeTools, FIXTURES, type FakeMode, type FakeToolName, type FakeTools } from '../support/fake-tools/index';

const posix = process.platform !== 'win32';
const sysfs = (name: string): string => path.join(FIXTURES, 'sysfs', name);

const SCENARIOS: Array<[string, Partial<Record<FakeToolName, FakeMode>>, string]> = [
  ['nvidia-smi hangs', { 'nvidia-smi': 'hang', lspci: { file: 'lspci/mixed-D-vnn.txt' } }, 'mixed'],
  ['nvidia-smi prints garbage', { 'nvidia-smi': 'garbage', lspci: { file: 'lspci/mixed-D-vnn.txt' } }, 'empty'],
  [
    'nvidia-smi fails',
    { 'nvidia-smi': { fail: 9, file: 'nvidia-smi/driver-failure.stdout' }, lspci: { file: 'lspci/mixed-D-vnn.txt' } },
    'empty',
  ],
  ['nvidia-smi floods', { 'nvidia-smi': 'flood' }, 'empty'],
  ['N/A fields', { 'nvidia-smi': { file: 'nvidia-smi/not-supported-fields.csv' } }, 'empty'],
  ['GB10 unified', { 'nvidia-smi': { file: 'nvidia-smi/gb10-unified.csv' } }, 'empty'],
  ['no tools at all', {}, 'empty'],
  ['AMD APU in sysfs, no AMD tools', { lspci: { file: 'lspci/no-gpu-D-vnn.txt' } }, 'apu-raphael'],
  [
    'rocm-smi with a warning prefix',
    { 'rocm-smi': { file: 'rocm-smi/warning-prefix.txt' }, lspci: { file: 'lspci/rx7900xtx-rebar-vvv.txt' } },
    'empty',
  ],
];

describe.runIf(posix)('detection sentences are all in the UI catalog', () => {
  let tools: FakeTools;
  beforeAll(async () => {
    tools = await createFakeTools();
  });
  afterAll(async () => {
    await tools.cleanup();
  });

  it.each(SCENARIOS)('%s', async (_name, modes, root) => {
    const hw = await detectHardware({ platform: 'linux', sysfsRoot: sysfs(root), env: tools.env(modes), deadlineMs: 3000 });
    const sentences = [...hw.notes, ...hw.gpus.flatMap((g) => g.warnings)];
    expect(sentences.filter((s) => !isKnownDetectText(s))).toEqual([]);
    for (const s of sentences) expect(localizeDetectText('ja', s)).not.toBe(s);
  });
});
