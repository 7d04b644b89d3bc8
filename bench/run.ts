// `npm run bench -- <name> [flags]`: one bench per name; each prints its ratio last.
// Not part of CI. Every figure is a ratio against a peer measured in the same run.

// Each bench is imported only when run: the memory bench measures the lab, not the browser
// tooling (Vite, Playwright) the render bench loads.
const BENCHES: Record<string, { about: string; run(argv: string[]): Promise<void> }> = {
  startup: {
    about: 'lab vs docker-compose: run -> every container ready [--scenarios a,b] [--reps N]',
    run: async (a) => (await import('./startup')).startupBench(a),
  },
  'fault-latency': {
    about: 'Run.inject vs the docker CLI: request -> Docker event, kill/pause/partition [--reps N]',
    run: async (a) => (await import('./fault-latency')).faultLatencyBench(a),
  },
  check: {
    about:
      'composed split-stores checkers on 10^4..10^6 generated ops vs 1M ops/s and a naive O(n^2) RYW [--sizes a,b]',
    run: async (a) => (await import('./check')).checkBench(a),
  },
  probes: {
    about: 'CPU share of sampling 6 stores at 4 Hz during a run, sampler on vs off [--reps N] [--window MS]',
    run: async (a) => (await import('./probes')).probesBench(a),
  },
  'probes-lag': {
    about:
      "CPU share of reading 4 Kafka consumer groups' lag at 4 Hz during a broker-sync run, reads on vs paused [--groups N] [--reps N] [--window MS]",
    run: async (a) => (await import('./probes/lag')).probesLagBench(a),
  },
  render: {
    about:
      'run view in Chromium, 10 series x 7,200 points: frame time of update frames vs 240 points and 16.7 ms [--reps N]',
    run: async (a) => (await import('./render')).renderBench(a),
  },
  soak: {
    about:
      'hour-long split-stores run, a random kill every 30 s: RSS growth after warm-up < 10%, no leftovers [--minutes N] [--killEveryS N]',
    run: async (a) => (await import('./soak')).soakBench(a),
  },
  memory: {
    about: 'lab RSS over a long split-stores run vs RSS at the start and 400 MB [--minutes N, default 30]',
    run: async (a) => (await import('./memory')).memoryBench(a),
  },
};

async function main(): Promise<void> {
  const [name, ...argv] = process.argv.slice(2);
  const bench = name ? BENCHES[name] : undefined;
  if (!bench) {
    process.stdout.write(`usage: npm run bench -- <name> [flags]\n`);
    for (const [n, b] of Object.entries(BENCHES)) process.stdout.write(`  ${n.padEnd(14)} ${b.about}\n`);
    process.exitCode = name ? 2 : 0;
    return;
  }
  await bench.run(argv);
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e: unknown) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(3);
  },
);
