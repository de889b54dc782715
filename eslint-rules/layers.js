// A lint rule that resolves each import (relative paths and the renderer's $core/$shared/$lib aliases)
// to a repository path and checks it against DESIGN.md's layers. Import-specifier patterns cannot see
// that '../errors' from src/main/services means src/main/errors.ts; resolving the path can.

import { dirname, relative, resolve, sep } from 'node:path';

const ALIASES = {
  $core: 'src/core',
  $shared: 'src/shared',
  $preload: 'src/preload',
  $lib: 'src/renderer/src/lib',
};

/** Which repository folders each layer may not import from, and why. */
export const LAYER_ZONES = [
  {
    from: 'src/core/',
    forbid: ['src/main/', 'src/renderer/', 'src/preload/', 'src/cli/', 'src/shared/'],
    message: 'src/core imports nothing outside itself.',
  },
  {
    from: 'src/main/services/',
    forbid: ['src/main/*.ts', 'src/renderer/', 'src/cli/', 'src/preload/'],
    message: 'Services never import the Electron shell (src/main/*.ts), the renderer or the CLI.',
  },
  {
    from: 'src/cli/',
    forbid: ['src/main/*.ts', 'src/renderer/', 'src/preload/', 'src/shared/'],
    message: 'The CLI imports only core and services.',
  },
  {
    from: 'src/renderer/',
    forbid: ['src/main/', 'src/cli/', 'src/preload/index'],
    message: 'The renderer reaches main only through window.api.',
  },
];

function toRepoPath(root, file, spec) {
  for (const [alias, dir] of Object.entries(ALIASES)) {
    if (spec === alias || spec.startsWith(`${alias}/`)) return `${dir}${spec.slice(alias.length)}`;
  }
  if (!spec.startsWith('.')) return null;
  return relative(root, resolve(dirname(file), spec))
    .split(sep)
    .join('/');
}

function matches(target, pattern) {
  // 'src/main/*.ts': a file directly in that folder (any extension or none), not a subfolder.
  if (pattern.endsWith('*.ts')) {
    const dir = pattern.slice(0, -'*.ts'.length);
    return target.startsWith(dir) && !target.slice(dir.length).includes('/');
  }
  return target.startsWith(pattern);
}

const noCrossLayer = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports stay inside the layers of DESIGN.md.' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
  },
  create(context) {
    const root = context.options[0]?.root ?? context.cwd;
    const file = relative(root, context.filename).split(sep).join('/');
    const zones = LAYER_ZONES.filter((z) => file.startsWith(z.from));
    if (zones.length === 0) return {};
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string') return;
      const target = toRepoPath(root, context.filename, source.value);
      if (target === null) return;
      for (const z of zones) {
        if (z.forbid.some((p) => matches(target, p))) context.report({ node, message: `${z.message} (${source.value} → ${target})` });
      }
    };
    return {
      ImportDeclaration: (n) => check(n, n.source),
      ExportNamedDeclaration: (n) => check(n, n.source),
      ExportAllDeclaration: (n) => check(n, n.source),
      ImportExpression: (n) => check(n, n.source.type === 'Literal' ? n.source : null),
    };
  },
};

export const layersPlugin = { rules: { 'no-cross-layer': noCrossLayer } };
