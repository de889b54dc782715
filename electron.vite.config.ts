import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';

// The CSP in index.html forbids connections; the dev server's HMR socket is the one exception, and only
// under `npm run dev`.
function devCspRelax(): Plugin {
  return {
    name: 'vram-planner-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("connect-src 'none'", "connect-src 'self' ws: http://localhost:*"),
  };
}

// @fontsource's CSS lists a .woff fallback after each .woff2; every Chromium we ship takes the woff2, so
// the fallback only doubled the font payload. Dropping it from the CSS keeps Vite from emitting the files.
function woff2Only(): Plugin {
  return {
    name: 'vram-planner-woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/@fontsource[\\/].+\.css$/.test(id)) return null;
      return { code: code.replace(/,\s*url\([^)]*\.woff\)\s*format\(["']woff["']\)/g, ''), map: null };
    },
  };
}

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          // Hardware probes run in a worker thread (services/hardware/worker.ts looks for this file).
          'detect-worker': resolve('src/main/services/hardware/detect-worker.ts'),
        },
      },
    },
  },
  preload: {
    // Sandboxed preloads cannot require anything but electron's own modules: one self-contained CJS file.
    build: {
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    // Aliases instead of ../../../ chains: the renderer reaches core, the IPC contract and the preload API.
    resolve: {
      alias: {
        $core: resolve('src/core'),
        $shared: resolve('src/shared'),
        $preload: resolve('src/preload'),
        $lib: resolve('src/renderer/src/lib'),
      },
    },
    plugins: [woff2Only(), svelte({ configFile: resolve('svelte.config.js') }), devCspRelax()],
    build: {
      // electron-vite 6 leaves the renderer unminified by default; the window loads every byte at start-up.
      minify: true,
      rolldownOptions: {
        input: {
          index: resolve('src/renderer/index.html'),
          print: resolve('src/renderer/print.html'),
        },
      },
    },
  },
});
