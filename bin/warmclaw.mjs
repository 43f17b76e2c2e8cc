#!/usr/bin/env node
// `warmclaw` entry. Runs the TypeScript CLI through tsx so that `npx warmclaw` works right after
// `npm install` with no build step. Needs Node >= 24.16 (npm puts one first on PATH for npx and scripts).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 24 || (major === 24 && minor < 16)) {
  console.error(`warmclaw needs Node >= 24.16 (this is ${process.version}). Run it as \`npx warmclaw\` or \`npm run warmclaw --\` inside the project: npm puts the project's Node 24 first on PATH.`);
  process.exit(1);
}
const { register } = await import('tsx/esm/api');
register();
const { runCli } = await import('../src/main/daemon/cli.ts');
const code = await runCli(process.argv.slice(2), {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
  env: process.env,
});
process.exitCode = code;
