// Module-resolution hooks for the main-process contract test (registered by register.mjs):
// - `electron` resolves to the recording stand-in;
// - an install location that does not exist on this machine (a Windows drive, a macOS bundle) is served
//   from the copied build, so main's import.meta.url is the URL it would have there;
// - the copied install has no node_modules: bare imports fall back to the project's packages.

import { readFile } from 'node:fs/promises';

let cfg = {};

export async function initialize(data) {
  cfg = data;
}

const isVirtual = (url) => !!cfg.virtualBase && typeof url === 'string' && url.startsWith(cfg.virtualBase);

export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: cfg.fakeElectronUrl, shortCircuit: true };
  if (isVirtual(specifier)) return { url: specifier, format: 'module', shortCircuit: true };
  if (isVirtual(context.parentURL) && /^\.\.?\//.test(specifier)) {
    return { url: new URL(specifier, context.parentURL).href, format: 'module', shortCircuit: true };
  }
  try {
    return await next(specifier, context);
  } catch (error) {
    if (!/^[@a-z]/i.test(specifier) || specifier.startsWith('node:')) throw error;
    return next(specifier, { ...context, parentURL: cfg.projectUrl });
  }
}

export async function load(url, context, next) {
  if (isVirtual(url)) {
    const real = new URL(cfg.realBase + url.slice(cfg.virtualBase.length));
    return { format: 'module', source: await readFile(real), shortCircuit: true };
  }
  return next(url, context);
}
