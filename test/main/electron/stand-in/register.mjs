// `node --import ./register.mjs out/main/index.js`: installs hooks.mjs before the main process loads.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
