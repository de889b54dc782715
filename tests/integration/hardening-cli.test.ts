// CLI user errors and hostile text (issue 13 items 16, 17): one line, exit code 2; no escape codes,
// carriage returns or bidi marks reach the terminal; hex and exponent numbers are refused.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strictDecimal } from '../../src/cli/args';
import { runCli } from '../../src/cli/index';
import { printable, terminalSafe } from '../../src/main/services/safe-text';
import { createTally } from '../support/tally';

const tally = createTally('cli');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vp-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  tally.write();
});

async function cli(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out, err };
}

describe('user errors: one sentence, exit code 2 (item 16)', () => {
  it.each([
    [['estimate', '--params', '7B', '--ctx', '-5']],
    [['estimate', '--params', '7B', '--bits', '0x10']],
    [['estimate', '--params', '7B', '--bits', '1e1']],
    [['estimate', '--params', '7B', '--vram', '0x18']],
    [['estimate', '--params', '7B', '--vram', '1e400']],
    [['estimate', '--params', '7B', '--vram', 'Infinity']],
    [['estimate', '--params', '7B', '--vram', '']],
  ])('%j', async (args) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).not.toMatch(/\n/);
    expect(r.err[0]).not.toMatch(/null|undefined|NaN/);
    tally.add(`estimate ${args.slice(3).join(' ')}`, 'handled');
  });
});

describe('strict numbers (item 17)', () => {
  it.each(['0x18', '1e3', '-1', '+2', 'Infinity', '', ' ', '24GiB', '1_000', '0b1', '٢٤'])('refuses %j', (t) => {
    expect(Number.isNaN(strictDecimal(t))).toBe(true);
  });
  it.each([
    ['24', 24],
    ['24.5', 24.5],
    ['.5', 0.5],
    [' 8 ', 8],
  ])('reads %j', (t, n) => {
    expect(strictDecimal(t)).toBe(n);
  });
});

describe('hostile text never reaches the terminal raw (item 17)', () => {
  it('strips escapes, CR and bidi marks but keeps lines', () => {
    expect(terminalSafe('a\u001b[2J\rb\u202Ec\nd\te')).toBe('a[2Jbc\nd\te');
    expect(printable('x\u0000y\u2066z\nw')).toBe('xyz w');
    expect(printable('n'.repeat(1_000_000)).length).toBeLessThanOrEqual(201);
  });

  it('a config.json whose model name carries escape codes prints clean', async () => {
    const folder = path.join(dir, 'm');
    await (await import('node:fs/promises')).mkdir(folder);
    const config = {
      model_type: '\u001b]0;pwned\u0007\u001b[2J',
      hidden_size: 1024,
      num_hidden_layers: 2,
      num_attention_heads: 8,
      num_key_value_heads: 8,
      intermediate_size: 2048,
      vocab_size: 1000,
    };
    await writeFile(path.join(folder, 'config.json'), JSON.stringify(config));
    const r = await cli(['inspect', folder]);
    const all = [...r.out, ...r.err].join('\n');
    for (const ch of ['\u001b', '\u0007', '\r', '\u202e']) expect(all.includes(ch)).toBe(false);
    tally.add('escape codes in model_type, inspect', 'handled');
  });

  it('a 1 MB name inside an error stays one short line', async () => {
    const r = await cli(['estimate', '--model', 'x'.repeat(1_000_000)]);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]!.length).toBeLessThan(1000);
    tally.add('1 MB model id in an error', 'handled');
  });
});
