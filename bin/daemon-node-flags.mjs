// The V8 flags the long-running daemon is started with (bin/warmclaw.mjs); benchmarks start the
// processes they measure with the same flags, so they measure what users run. Keep to Node 18 syntax.
// --max-semi-space-size=1: a small young generation keeps idle RSS down, and frees the native buffers of
//   read HTTP bodies sooner (they die young: `npm run bench -- hostile` measures both).
// --liftoff-only: undici's WebAssembly HTTP parser with the baseline tier only: about 9 MB less idle RSS
//   (decision 0006); one parse per probe never needs TurboFan.
export const DAEMON_NODE_FLAGS = ['--max-semi-space-size=1', '--liftoff-only'];
