import { resolve } from 'node:path';
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

// The CLI is one ESM file for Node: core + services bundled, npm dependencies left to node_modules.
const external = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), ...Object.keys(pkg.dependencies ?? {})];

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  build: {
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    ssr: true,
    minify: false,
    sourcemap: false,
    rolldownOptions: {
      input: { 'vram-planner': resolve('src/cli/bin.ts') },
      external,
      output: {
        format: 'es',
        entryFileNames: '[name].mjs',
        banner: '#!/usr/bin/env node',
      },
    },
  },
});
