// Helpers for the shell tests that run without the Electron binary: a stand-in Electron dist folder
// carrying a fuse wire, an asar reader, and a fuse wire reader. Written here (not taken from
// electron-builder's transitive packages) so the tests read the files the way Electron does, independently.

import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Marks the fuse wire in every Electron ≥ 12 binary; the wire follows it: version byte, length byte, fuses. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** Fuse positions of wire version 1 (as in @electron/fuses' FuseV1Options). */
export const FUSE = {
  runAsNode: 0,
  enableCookieEncryption: 1,
  enableNodeOptionsEnvironmentVariable: 2,
  enableNodeCliInspectArguments: 3,
  enableEmbeddedAsarIntegrityValidation: 4,
  onlyLoadAppFromAsar: 5,
  loadBrowserProcessSpecificV8Snapshot: 6,
  grantFileProtocolExtraPrivileges: 7,
  wasmTrapHandlers: 8,
} as const;

/** Electron's shipped defaults: '1' on, '0' off. */
const DEFAULT_WIRE = '101100010';

/**
 * A folder shaped like an unpacked Linux Electron dist. The executable is a shell script that carries the
 * fuse sentinel and a default wire, so electron-builder's fuse flipping finds and edits it as in a real binary.
 */
export function writeStandInElectron(dir: string, version: string): string {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const exe = join(dir, 'electron');
  const wire = Buffer.concat([
    Buffer.from(`#!/bin/sh\n# Stand-in Electron ${version} for packaging tests; fuse wire: `),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, DEFAULT_WIRE.length]),
    Buffer.from(DEFAULT_WIRE),
    Buffer.from('\nexit 0\n'),
  ]);
  writeFileSync(exe, wire);
  chmodSync(exe, 0o755);
  writeFileSync(join(dir, 'version'), version);
  writeFileSync(join(dir, 'LICENSE'), 'stand-in');
  writeFileSync(join(dir, 'chrome-sandbox'), 'stand-in');
  return exe;
}

/** The fuse wire of an Electron executable: index → '0' | '1' | 'r' (removed). */
export function readFuseWire(file: string): string {
  const bytes = readFileSync(file);
  const at = bytes.indexOf(FUSE_SENTINEL);
  if (at < 0) throw new Error(`${file} has no fuse wire`);
  const start = at + FUSE_SENTINEL.length;
  if (bytes[start] !== 1) throw new Error(`unknown fuse wire version ${bytes[start]}`);
  const length = bytes[start + 1]!;
  return bytes.subarray(start + 2, start + 2 + length).toString('latin1');
}

interface AsarNode {
  files?: Record<string, AsarNode>;
  size?: number | string;
  unpacked?: boolean;
}

/** Every file in an asar archive with its size (header: two Chromium pickles, then a JSON directory tree). */
export function listAsar(file: string): Map<string, number> {
  const bytes = readFileSync(file);
  const headerPickleSize = bytes.readUInt32LE(4);
  const jsonLength = bytes.readUInt32LE(12);
  const header = JSON.parse(bytes.subarray(16, 16 + jsonLength).toString('utf8')) as AsarNode;
  if (16 + jsonLength > 8 + headerPickleSize) throw new Error('damaged asar header');
  const out = new Map<string, number>();
  const walk = (node: AsarNode, prefix: string): void => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const path = `${prefix}/${name}`;
      if (child.files) walk(child, path);
      else out.set(path, Number(child.size ?? 0));
    }
  };
  walk(header, '');
  return out;
}

/** Production dependencies and what they pull in, by package-lock (never devDependencies). */
export function productionPackages(root: string): Set<string> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }>;
  };
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    const entry = lock.packages[`node_modules/${name}`];
    if (!entry) return;
    seen.add(name);
    for (const dep of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) visit(dep);
  };
  for (const name of Object.keys(pkg.dependencies ?? {})) visit(name);
  return seen;
}
