// `node --import ./register.mjs driver.mjs`: installs hooks.mjs before main is loaded.
import { register } from 'node:module';

const cfg = JSON.parse(process.env.VP_SMOKE ?? '{}');
register(new URL('./hooks.mjs', import.meta.url), { data: cfg.hooks });
