// `npm run bench -- <name> [--json]`: each benchmark prints a table beside a naive baseline measured in the same run.
import { benchBundle } from './bundle';
import { benchConfig } from './config';
import { benchFailover } from './failover';
import { benchHostile } from './hostile';
import { benchMemory } from './memory';
import { benchOpenclaw } from './openclaw';
import { benchPoll } from './poll';
import { benchWarm } from './warm';

const benches: Record<string, (o: { json: boolean }) => Promise<void>> = { config: benchConfig, warm: benchWarm, poll: benchPoll, bundle: benchBundle, openclaw: benchOpenclaw, failover: benchFailover, memory: benchMemory, hostile: benchHostile };
const args = process.argv.slice(2);
const json = args.includes('--json');
const names = args.filter((a) => !a.startsWith('--'));
for (const name of names.length ? names : Object.keys(benches)) {
  const run = benches[name];
  if (!run) {
    console.error(`unknown benchmark "${name}"; available: ${Object.keys(benches).join(', ')}`);
    process.exit(1);
  }
  if (!json) console.log(`\n## ${name}\n`);
  await run({ json });
}
