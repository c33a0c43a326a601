// `npm run scenario -- FILE [--board virtual|<saved board>|ws://host:port] [--junit out.xml] [--var k=v]…`: runs a
// scenario headless, one line per step as it ends, a summary, and a JUnit report. Exit 0 when every step passed
// or was skipped, 1 when one failed (or the board could not be reached), 2 for a file or usage mistake.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { formatDuration } from '../../shared/scenarios/duration';
import { loadScenario } from '../../shared/scenarios/load';
import { junitXml, openBench, reportName, runScenario, TargetError, type StepReport } from '../scenarios';
import { parseFlags, portFlag, UsageError } from './args';

const flags = {
  board: { type: 'string' },
  junit: { type: 'string' },
  var: { type: 'string', multiple: true },
  web: { type: 'string' },
  'config-dir': { type: 'string' },
  'http-port': { type: 'string' },
  'ftp-port': { type: 'string' },
} as const;

/** Exit codes, as the usage text says. */
const FAILED = 1;
const FILE_ERROR = 2;

export async function runScenarioCli(argv: string[]): Promise<void> {
  const files = argv.filter((a, i) => !a.startsWith('--') && !(i > 0 && isValueOf(argv[i - 1])));
  if (files.length !== 1)
    throw new UsageError(
      `give one scenario file: npm run scenario -- FILE [--board virtual|<saved board name>|ws://host:port] [--junit out.xml] [--var name=value]… [--web DIR] [--config-dir DIR] [--http-port N] [--ftp-port N]${files.length ? ` (got ${files.length}: ${files.join(', ')})` : ''}`,
    );
  const file = files[0] ?? '';
  const v = parseFlags(
    argv.filter((a) => a !== file),
    flags,
  );
  const vars = Object.fromEntries(
    (v.var ?? []).map((kv) => {
      const m = /^([A-Za-z_]\w*)=(.*)$/s.exec(kv);
      if (!m) throw new UsageError(`--var takes name=value, not "${kv}"`);
      return [m[1] ?? '', typed(m[2] ?? '')];
    }),
  );
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    process.stderr.write(
      `${file}: cannot read the scenario file (${code === 'ENOENT' ? 'no such file' : (code ?? String(err))})\n`,
    );
    process.exit(FILE_ERROR);
  }
  const loaded = loadScenario(text, vars);
  if (!loaded.ok) {
    for (const p of loaded.problems) process.stderr.write(`${file}:${p.line}:${p.column}: ${p.message}\n`);
    process.stderr.write(
      `${loaded.problems.length} problem${loaded.problems.length === 1 ? '' : 's'} in ${file}; nothing was run.\n`,
    );
    process.exit(FILE_ERROR);
  }
  const scenario = loaded.scenario;
  const target = v.board ?? scenario.board ?? 'virtual';
  const out = (s: string) => process.stdout.write(`${s}\n`);
  let board;
  try {
    board = await openBench(target, {
      ...(v['config-dir'] !== undefined ? { configDir: v['config-dir'] } : {}),
      ...(v.web !== undefined ? { web: v.web } : {}),
      httpPort: portFlag('http-port', v['http-port'], 80),
      ftpPort: portFlag('ftp-port', v['ftp-port'], 21),
      baseDir: dirname(resolve(file)),
    });
  } catch (err) {
    if (err instanceof TargetError) throw new UsageError(err.message);
    const why = err instanceof Error ? err.message : String(err);
    process.stderr.write(`${file}: ${why}\n`);
    if (v.junit !== undefined) writeUnreached(v.junit, scenario.name, target, file, why);
    process.exit(FAILED);
  }
  out(`Scenario "${scenario.name}" (${file}) on ${board.info.label}`);
  const onSignal = () => void board.close().finally(() => process.exit(FAILED));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let report;
  try {
    report = await runScenario(scenario, board, { onStep: (s) => out(stepLine(s)) });
  } finally {
    await board.close();
  }
  out(
    `${report.failed ? 'FAILED' : 'PASSED'}: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped of ${report.steps.length} steps in ${formatDuration(report.ms)}`,
  );
  if (v.junit !== undefined) {
    writeFileSync(v.junit, junitXml([{ report, file }]));
    out(`JUnit report: ${v.junit}`);
  }
  process.exit(report.failed ? FAILED : 0);
}

/** `PASS  3  line 12  expect led-status: got … (4 ms)`. */
export function stepLine(s: StepReport): string {
  const word = s.result.status === 'passed' ? 'PASS' : s.result.status === 'failed' ? 'FAIL' : 'SKIP';
  return `${word}  ${reportName(s)}  (line ${s.line}, ${formatDuration(s.result.ms)}): ${s.result.message}`;
}

function isValueOf(prev: string | undefined): boolean {
  if (prev === undefined || !prev.startsWith('--') || prev.includes('=')) return false;
  return prev.slice(2) in flags;
}

/** A --var value: a number or true/false when it reads as one (as YAML would), else text. */
function typed(s: string): string | number | boolean {
  if (s === 'true' || s === 'false') return s === 'true';
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
}

/** The board was not reached: a report with one failed case, so CI shows why. */
function writeUnreached(path: string, name: string, board: string, file: string, why: string): void {
  writeFileSync(
    path,
    junitXml([
      {
        file,
        report: {
          name,
          board,
          startedAt: Date.now(),
          ms: 0,
          passed: 0,
          failed: 1,
          skipped: 0,
          steps: [
            {
              index: '0',
              line: 1,
              column: 1,
              kind: 'link',
              title: 'open the board',
              iterations: [],
              result: { status: 'failed', message: why, ms: 0, startedAt: Date.now() },
            },
          ],
        },
      },
    ]),
  );
}
