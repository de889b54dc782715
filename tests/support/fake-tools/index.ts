// Builds a temporary bin directory of stand-in tools (made executable here, at test time) and the
// environment that puts it first on PATH, so both our probes and systeminformation's own code run them.

import { chmod, copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export const FAKE_TOOL_NAMES = ['nvidia-smi', 'lspci', 'rocm-smi', 'amd-smi', 'system_profiler', 'sysctl', 'hostname'] as const;
export type FakeToolName = (typeof FAKE_TOOL_NAMES)[number];

/** How one stand-in behaves; see fake-tool.sh. A fixture path is relative to tests/fixtures/hardware. */
export type FakeMode =
  | { file: string }
  | { fail: number; file: string }
  | { legacy: string }
  | { sleep: number }
  | { fork: string }
  | { detach: string }
  | 'garbage'
  | 'hang'
  | 'forkhang'
  | 'flood';

export const FIXTURES = path.resolve(HERE, '../../fixtures/hardware');

function modeText(mode: FakeMode): string {
  if (typeof mode === 'string') return mode;
  if ('sleep' in mode) return `sleep:${mode.sleep}`;
  if ('fork' in mode) return `fork:${path.join(FIXTURES, mode.fork)}`;
  if ('detach' in mode) return `detach:${path.join(FIXTURES, mode.detach)}`;
  if ('legacy' in mode) return `legacy:${path.join(FIXTURES, mode.legacy)}`;
  if ('fail' in mode) return `fail:${mode.fail}:${path.join(FIXTURES, mode.file)}`;
  return `file:${path.join(FIXTURES, mode.file)}`;
}

export interface FakeTools {
  dir: string;
  env(modes: Partial<Record<FakeToolName, FakeMode>>): NodeJS.ProcessEnv;
  /** Every process the stand-ins started since the last call (each one records its pid). */
  takePids(): Promise<number[]>;
  cleanup(): Promise<void>;
}

export async function createFakeTools(): Promise<FakeTools> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vram-planner-fake-tools-'));
  const script = path.join(HERE, 'fake-tool.sh');
  for (const name of FAKE_TOOL_NAMES) {
    const target = path.join(dir, name);
    await copyFile(script, target);
    await chmod(target, 0o755);
  }
  const pidDir = path.join(dir, 'pids');
  await mkdir(pidDir);
  return {
    dir,
    env(modes) {
      const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${dir}${path.delimiter}${process.env.PATH ?? ''}`, FAKE_PID_DIR: pidDir };
      for (const name of FAKE_TOOL_NAMES) {
        const key = `FAKE_${name.toUpperCase().replace(/-/g, '_')}`;
        const mode = modes[name];
        if (mode) env[key] = modeText(mode);
        else delete env[key];
      }
      return env;
    },
    async takePids() {
      const names = await readdir(pidDir);
      await Promise.all(names.map((n) => rm(path.join(pidDir, n), { force: true })));
      return names.map(Number).filter((n) => Number.isInteger(n) && n > 0);
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
