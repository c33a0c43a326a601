// Helpers of the scenario tests: `npm run scenario` run to its exit, `npm run board` started as a "real" board on
// ports the OS picks, the step lines read back, and a JUnit report read by Python's own XML parser.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { root, startCli, type CliProcess } from './processes';

/** What a finished `scenario` run printed and returned. */
export interface ScenarioRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The step lines: status word and step name ("PASS", "2.1 led yellow on [iteration 1/2]"). */
  readonly steps: readonly { readonly status: string; readonly name: string; readonly line: string }[];
}

/** Runs `src/main/cli/main.ts scenario <args>` with tsx, as `npm run scenario` does, to its exit. */
export function runScenarioCli(args: readonly string[]): Promise<ScenarioRun> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'src/main/cli/main.ts'), 'scenario', ...args],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) =>
      resolve({
        code,
        stdout,
        stderr,
        steps: stdout
          .split('\n')
          .map((l) => /^(PASS|FAIL|SKIP) {2}(.*?) {2}\(line \d+/.exec(l))
          .filter((m): m is RegExpExecArray => m !== null)
          .map((m) => ({ status: m[1] ?? '', name: m[2] ?? '', line: m.input })),
      }),
    );
  });
}

/** A `npm run board` process addressed as a real board: its `--board`, `--http-port` and `--ftp-port` flags. */
export interface BoardProcess {
  readonly cli: CliProcess<{ ws: string; http: string; ftp: string }>;
  readonly flags: readonly string[];
}

/** Starts `board` on OS-picked ports with `emmc` as its eMMC (and any more flags). */
export async function startBoardProcess(emmc: string, more: readonly string[] = []): Promise<BoardProcess> {
  const cli = await startCli<{ ws: string; http: string; ftp: string }>([
    'board',
    ...['--ws-port', '0', '--http-port', '0', '--ftp-port', '0', '--boot-ms', '0', '--emmc', emmc],
    ...more,
  ]);
  const port = (u: string) => new URL(u).port;
  return {
    cli,
    flags: ['--board', cli.ready.ws, '--http-port', port(cli.ready.http), '--ftp-port', port(cli.ready.ftp)],
  };
}

/** A JUnit report as /usr/bin/python3's xml.etree.ElementTree reads it. */
export interface JunitSeen {
  readonly root: string;
  readonly totals: Record<string, string>;
  readonly suites: {
    readonly name: string;
    readonly attrs: Record<string, string>;
    readonly cases: {
      readonly name: string;
      readonly classname: string;
      readonly time: string;
      readonly failure?: string;
      readonly skipped?: string;
    }[];
  }[];
}

const PYTHON_READER = `
import json, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
out = {"root": root.tag, "totals": dict(root.attrib), "suites": []}
for s in root.findall("testsuite"):
    cases = []
    for c in s.findall("testcase"):
        e = {"name": c.get("name"), "classname": c.get("classname"), "time": c.get("time")}
        f = c.find("failure")
        k = c.find("skipped")
        if f is not None: e["failure"] = f.get("message")
        if k is not None: e["skipped"] = k.get("message")
        cases.append(e)
    out["suites"].append({"name": s.get("name"), "attrs": dict(s.attrib), "cases": cases})
print(json.dumps(out))
`;

/** Reads a JUnit file with Python's parser (an independent reader: not ours, not a JavaScript one). */
export function readJunitWithPython(file: string): JunitSeen {
  const r = spawnSync('/usr/bin/python3', ['-c', PYTHON_READER, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python could not read ${file}: ${r.stderr}`);
  return JSON.parse(r.stdout) as JunitSeen;
}
