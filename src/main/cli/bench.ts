import { UsageError } from './args';
import { benchTelemetry } from './bench-telemetry';

/** Benchmarks: `npm run bench -- <name> [flags]`, each printing one JSON line. */
const benches: Record<string, (argv: string[]) => Promise<unknown>> = {
  ws: async (argv) => (await import('./bench-ws')).benchWs(argv),
  ftp: async (argv) => (await import('./bench-ftp')).benchFtp(argv),
  serial: async (argv) => (await import('./bench-serial')).benchSerial(argv),
  telemetry: (argv) => benchTelemetry(argv),
  frames: async (argv) => (await import('./bench-frames')).benchFrames(argv),
  lab: async (argv) => (await import('./bench-lab')).benchLab(argv),
  review: async (argv) => (await import('./bench-review')).benchReview(argv),
  'lab-memory': async (argv) => (await import('./bench-lab-memory')).benchLabMemory(argv),
  recorder: async (argv) => (await import('./bench-recorder')).benchRecorder(argv),
  alarms: async (argv) => (await import('./bench-alarms')).benchAlarms(argv),
};

/** Runs one benchmark by name and prints its JSON line. */
export async function runBench(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  const bench = name ? benches[name] : undefined;
  if (!bench)
    throw new UsageError(
      `unknown benchmark "${name ?? ''}": use one of ${Object.keys(benches).join(', ') || '(none yet)'}`,
    );
  const result = await bench(rest);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
