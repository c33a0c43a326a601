import { UsageError } from './args';
import { runWeb } from './web';

/** Subcommands of the `npm run <name>` scripts. Each is loaded only when asked for. */
const commands: Record<string, (argv: string[]) => Promise<void>> = {
  web: runWeb,
  board: async (argv) => (await import('./board')).runBoard(argv),
  bench: async (argv) => (await import('./bench')).runBench(argv),
  agent: async (argv) => (await import('./agent')).runAgent(argv),
  scenario: async (argv) => (await import('./scenario')).runScenarioCli(argv),
};

async function main(): Promise<void> {
  const [name, ...argv] = process.argv.slice(2);
  const run = name ? commands[name] : undefined;
  if (!run)
    throw new UsageError(`unknown command "${name ?? ''}": use one of ${Object.keys(commands).join(', ')}`);
  await run(argv);
}

main().catch((err: unknown) => {
  if (err instanceof UsageError) {
    process.stderr.write(`error: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
