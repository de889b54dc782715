// Which Node each command needs: the CLI, build and tests run on Node 20.19 (CI installs with it, so
// `engines` must accept it), running and packaging the desktop app want 22.12 (Electron 45 declares it).
// The README says both; the production dependencies the CLI and main load must not ask for more.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const read = <T>(path: string): T => JSON.parse(readFileSync(join(root, path), 'utf8')) as T;

/** The lowest version a simple ">=x.y.z" / ">= x.y.z" / "^x.y.z" range allows, or null for anything else. */
function lowerBound(range: string): [number, number, number] | null {
  const m = /^(?:>=\s*|\^)(\d+)\.(\d+)\.(\d+)$/.exec(range.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}
const atMost = (a: [number, number, number], b: [number, number, number]): boolean =>
  a[0] !== b[0] ? a[0] < b[0] : a[1] !== b[1] ? a[1] < b[1] : a[2] <= b[2];

describe('Node versions', () => {
  const pkg = read<{ engines: { node: string }; dependencies: Record<string, string> }>('package.json');

  it('engines accept Node 20.19 (CLI, build, tests, npm ci in CI)', () => {
    expect(lowerBound(pkg.engines.node)).toEqual([20, 19, 0]);
  });

  it('production dependencies run on Node 20.19 too', () => {
    for (const name of Object.keys(pkg.dependencies)) {
      const engines = read<{ engines?: { node?: string } }>(`node_modules/${name}/package.json`).engines?.node;
      if (!engines) continue;
      const bound = lowerBound(engines);
      if (bound) expect(atMost(bound, [20, 19, 0]), `${name} wants Node ${engines}`).toBe(true);
    }
  });

  it('the desktop requirement matches what Electron declares, and the README says both', () => {
    const electron = read<{ engines: { node: string } }>('node_modules/electron/package.json').engines.node;
    const desktop = lowerBound(electron)!;
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const setUp = readme.slice(readme.indexOf('## Set up'), readme.indexOf('### Without the Electron binary'));
    expect(setUp).toContain('**20.19 or newer**');
    expect(setUp).toContain(`**${desktop[0]}.${desktop[1]} or newer**`);
  });
});
