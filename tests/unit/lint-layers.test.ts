// The layer rules of DESIGN.md, as the lint in `npm test` enforces them: each case is a file text at a
// path in the tree, linted with the project's own eslint.config.js.

import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  // Probe files exist only as text, so the type-aware rules (which need a file in a tsconfig) are off.
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfig: {
      languageOptions: { parserOptions: { projectService: false } },
      rules: {
        '@typescript-eslint/no-floating-promises': 'off',
        '@typescript-eslint/no-misused-promises': 'off',
        '@typescript-eslint/await-thenable': 'off',
        '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      },
    },
  });
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, filePath) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'layers/no-cross-layer' || m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('layer lint rules', () => {
  it('fails a service that imports the Electron shell (src/main/*.ts)', async () => {
    const errors = await layerErrors(
      'src/main/services/layer-probe.ts',
      "import { registerIpc } from '../ipc';\nexport const x = registerIpc;\n",
    );
    expect(errors.join('\n')).toMatch(/Services never import the Electron shell/);
  });

  it('fails the CLI importing the renderer or the shell', async () => {
    const renderer = await layerErrors(
      'src/cli/commands/layer-probe.ts',
      "import { speedText } from '../../renderer/src/lib/format';\nexport const x = speedText;\n",
    );
    expect(renderer.join('\n')).toMatch(/The CLI imports only core and services/);
    const shell = await layerErrors(
      'src/cli/commands/layer-probe.ts',
      "import { createHandlers } from '../../main/handlers';\nexport const x = createHandlers;\n",
    );
    expect(shell.join('\n')).toMatch(/The CLI imports only core and services/);
  });

  it('fails core reaching outside itself, through a path or an alias', async () => {
    const errors = await layerErrors(
      'src/core/layer-probe.ts',
      "import type { Api } from '../shared/ipc-contract';\nexport type X = Api;\n",
    );
    expect(errors.length).toBeGreaterThan(0);
  });

  it('passes the imports each layer is allowed', async () => {
    expect(
      await layerErrors(
        'src/main/services/layer-probe.ts',
        "import { AppError } from './errors';\nimport { estimate } from '../../core/estimate';\nexport const x = [AppError, estimate];\n",
      ),
    ).toEqual([]);
    expect(
      await layerErrors(
        'src/cli/commands/layer-probe.ts',
        "import { AppError } from '../../main/services/errors';\nexport const x = AppError;\n",
      ),
    ).toEqual([]);
    expect(
      await layerErrors('src/renderer/src/lib/layer-probe.ts', "import { estimate } from '$core/estimate';\nexport const x = estimate;\n"),
    ).toEqual([]);
  });
});
