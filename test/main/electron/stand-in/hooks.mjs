// Module resolution hooks: `electron` (from the built main process, or from electron-store in
// node_modules) resolves to the recording stand-in beside this file. Nothing else changes.
const standIn = new URL('./electron.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: standIn, format: 'module', shortCircuit: true };
  return nextResolve(specifier, context);
}
