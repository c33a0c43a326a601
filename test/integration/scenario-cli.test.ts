import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { root } from '../support/processes';
import {
  readJunitWithPython,
  runScenarioCli,
  startBoardProcess,
  type BoardProcess,
} from '../support/scenarios';
import { tempDirs } from '../support/temp-dirs';
import { until } from '../support/wait';

const temp = tempDirs('scenario-cli-');
const boards: BoardProcess[] = [];
let socat: ChildProcess | undefined;
afterEach(async () => {
  for (const b of boards.splice(0)) await b.cli.stop('SIGTERM');
  if (socat && socat.exitCode === null) socat.kill('SIGTERM');
  socat = undefined;
});

const example = (name: string) => join(root, 'examples', 'scenarios', `${name}.yaml`);
const EXAMPLES = ['led-round-trip', 'telemetry', 'single-client', 'served-page', 'ftp-then-http'];

async function board(more: readonly string[] = [], emmc = temp()): Promise<BoardProcess> {
  const b = await startBoardProcess(emmc, more);
  boards.push(b);
  return b;
}

describe('npm run scenario', () => {
  it.each(EXAMPLES)(
    'passes %s on the virtual board and on a npm run board process added as a real board, with the same steps',
    async (name) => {
      const real = await board();
      const [onVirtual, onReal] = await Promise.all([
        runScenarioCli([example(name), '--board', 'virtual']),
        runScenarioCli([example(name), ...real.flags]),
      ]);
      for (const run of [onVirtual, onReal]) {
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        expect(run.steps.length).toBeGreaterThan(0);
        expect(run.steps.filter((s) => s.status === 'FAIL')).toEqual([]);
        expect(run.stdout).toMatch(/^PASSED: \d+ passed, 0 failed, 0 skipped of \d+ steps/m);
      }
      // Same steps, same outcomes (no step of the examples needs what only the virtual board has).
      const outcomes = (r: typeof onVirtual) => r.steps.map((s) => `${s.status} ${s.name}`);
      expect(outcomes(onReal)).toEqual(outcomes(onVirtual));
      expect(onReal.stdout).toContain(`on ${real.cli.ready.ws}`);
    },
    120_000,
  );

  it('fails the single-client example on a compliant board at the second client, saying what was expected and seen', async () => {
    const compliant = await board(['--profile', 'compliant']);
    const junit = join(temp(), 'out.xml');
    const run = await runScenarioCli([example('single-client'), ...compliant.flags, '--junit', junit]);
    expect(run.code).toBe(1);
    expect(run.steps.map((s) => s.status)).toEqual(['PASS', 'FAIL', 'SKIP']);
    const failed = run.steps[1]?.line ?? '';
    expect(failed).toMatch(/\(line 7, /);
    expect(failed).toContain('expected a second client to wait (the firmware serves one client at a time)');
    expect(failed).toMatch(/it was accepted after \d+ ms/);
    expect(run.steps[2]?.line).toContain('not run: step 2 (line 7) failed before it');
    expect(run.stdout).toMatch(/^FAILED: 1 passed, 1 failed, 1 skipped of 3 steps/m);

    const x = readJunitWithPython(junit);
    expect(x.root).toBe('testsuites');
    expect(x.totals).toMatchObject({ tests: '3', failures: '1', skipped: '1', errors: '0' });
    expect(x.suites).toHaveLength(1);
    const suite = x.suites[0]!;
    expect(suite.name).toBe('One WebSocket client at a time');
    expect(suite.attrs).toMatchObject({ tests: '3', failures: '1', skipped: '1', errors: '0' });
    expect(suite.cases.map((c) => c.name)).toEqual([
      '1 link open',
      '2 a second client waits while the bench holds the slot',
      "3 the bench's own client is still served",
    ]);
    for (const c of suite.cases) {
      expect(c.classname).toBe('One WebSocket client at a time');
      expect(Number(c.time)).toBeGreaterThanOrEqual(0);
    }
    expect(Number(suite.cases[1]!.time)).toBeGreaterThan(0);
    expect(suite.cases[0]!.failure).toBeUndefined();
    expect(suite.cases[1]!.failure).toMatch(/expected a second client to wait.*it was accepted after/);
    expect(suite.cases[2]!.skipped).toContain('not run');
  });

  it('fails the served-page example on its body check when the eMMC holds another page', async () => {
    const web = temp();
    writeFileSync(join(web, 'index.html'), '<html><title>Someone else</title>Wrong page</html>');
    const wrong = await board([], web);
    const [onReal, onVirtual] = await Promise.all([
      runScenarioCli([example('served-page'), ...wrong.flags]),
      runScenarioCli([example('served-page'), '--board', 'virtual', '--web', web]),
    ]);
    for (const run of [onReal, onVirtual]) {
      expect(run.code).toBe(1);
      expect(run.steps.map((s) => s.status)).toEqual(['FAIL', 'SKIP', 'SKIP']);
      const line = run.steps[0]?.line ?? '';
      expect(line).toContain('GET / → 200, but its body does not hold');
      expect(line).toContain('expected it to contain "NUCLEO-MEM Dashboard"');
      expect(line).toContain('Wrong page');
    }
  });

  it('drives a saved real board by its name, reading its serial console and skipping a fault', async () => {
    const dir = temp();
    const [a, b] = [join(dir, 'ttyA'), join(dir, 'ttyB')];
    socat = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' });
    await until(() => existsSync(a) && existsSync(b), 'socat ptys');
    const real = await board(['--uart', a]);
    const port = (u: string) => Number(new URL(u).port);
    const config = temp();
    writeFileSync(
      join(config, 'profiles.json'),
      JSON.stringify({
        version: 2,
        virtualBoards: [],
        boards: [
          {
            id: 'bench-1',
            name: 'Lab bench',
            host: '127.0.0.1',
            wsPort: port(real.cli.ready.ws),
            httpPort: port(real.cli.ready.http),
            ftpPort: port(real.cli.ready.ftp),
            serialPath: b,
          },
        ],
      }),
    );
    const file = join(dir, 'serial.yaml');
    writeFileSync(
      file,
      [
        'name: Serial console',
        'steps:',
        '  - send: { text: not json }',
        "  - serial: { match: '^WS: Failed to parse JSON command$', within: 10s }",
        '  - fault: { kind: drop-link }',
        '',
      ].join('\n'),
    );
    const run = await runScenarioCli([file, '--board', 'lab bench', '--config-dir', config]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('on Lab bench (127.0.0.1)');
    expect(run.steps.map((s) => s.status)).toEqual(['PASS', 'PASS', 'SKIP']);
    expect(run.steps[1]?.line).toContain('serial line "WS: Failed to parse JSON command"');
    expect(run.steps[2]?.line).toContain("faults are injected through the virtual board's control");
    expect(run.code).toBe(0);
  });

  it('writes JUnit with a testcase per repeat iteration, read back by Python with the right counts', async () => {
    const junit = join(temp(), 'led.xml');
    const run = await runScenarioCli([example('led-round-trip'), '--junit', junit]);
    expect(run.code).toBe(0);
    const x = readJunitWithPython(junit);
    expect(x.totals).toMatchObject({ tests: '17', failures: '0', skipped: '0' });
    const names = x.suites[0]!.cases.map((c) => c.name);
    expect(names).toHaveLength(17);
    expect(names[0]).toBe('1 the board greets its client with led-status');
    expect(names[1]).toBe('2.1 led yellow on [iteration 1/2]');
    expect(names[9]).toBe('2.1 led yellow on [iteration 2/2]');
    expect(x.suites[0]!.cases.every((c) => c.failure === undefined && c.skipped === undefined)).toBe(true);
  });
});

describe('npm run scenario with a broken file', () => {
  it('prints every schema problem as FILE:LINE:COLUMN: message and exits 2 without running anything', async () => {
    const file = join(temp(), 'broken.yaml');
    writeFileSync(
      file,
      [
        'name: Broken',
        'steps:',
        '  - led: { led: green, state: on }',
        '  - expect: { type: led-status, within: soon }',
        '  - blink: yellow',
        '  - http: { get: /, status: 200, body: { contains: x }, colour: red }',
        '',
      ].join('\n'),
    );
    const run = await runScenarioCli([file, '--board', 'virtual']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines.slice(0, 4)).toEqual([
      expect.stringMatching(
        new RegExp(`^${escape(file)}:3:\\d+: Step 1 \\(led\\), "led": should be one of "yellow", "red"\\.$`),
      ),
      expect.stringMatching(
        new RegExp(`^${escape(file)}:4:\\d+: Step 2 \\(expect\\), "within": "soon" is not a duration`),
      ),
      expect.stringMatching(new RegExp(`^${escape(file)}:5:5: Step 3 has "blink"; a step is one of: `)),
      expect.stringMatching(new RegExp(`^${escape(file)}:6:\\d+: Step 4 \\(http\\).*unknown field "colour"`)),
    ]);
    expect(lines[4]).toBe(`4 problems in ${file}; nothing was run.`);
  });

  it('points at the line and column of a YAML syntax error, and exits 2 for a missing file or a bad flag', async () => {
    const file = join(temp(), 'syntax.yaml');
    writeFileSync(file, 'name: Bad\nsteps:\n  - led: { led: yellow, state: on\n  - wait: 1s\n');
    // Six separate processes, started together (each is a CLI start-up: most of this test's time).
    const [run, missing, badVar, noBoard, emptyWeb, webElsewhere] = await Promise.all([
      runScenarioCli([file]),
      runScenarioCli([join(temp(), 'none.yaml')]),
      runScenarioCli([example('telemetry'), '--var', 'no equals sign']),
      runScenarioCli([example('telemetry'), '--board', 'No such bench', '--config-dir', temp()]),
      runScenarioCli([example('served-page'), '--web', temp()]),
      runScenarioCli([example('served-page'), '--board', 'ws://127.0.0.1:9', '--web', temp()]),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^${escape(file)}:\\d+:\\d+: This is not valid YAML: `));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/none\.yaml: cannot read the scenario file \(no such file\)/);
    expect(badVar.code).toBe(2);
    expect(badVar.stderr).toBe('error: --var takes name=value, not "no equals sign"\n');
    expect(noBoard.code).toBe(2);
    expect(emptyWeb.code).toBe(2);
    expect(emptyWeb.stderr).toMatch(
      /^error: --web .* is empty: there are no web files to put on the board\.\n$/,
    );
    expect(webElsewhere.code).toBe(2);
    expect(webElsewhere.stderr).toContain('--web puts files on a virtual board started for the run');
    expect(noBoard.stderr).toMatch(
      /^error: No saved board is named "No such bench"; the saved boards are "Virtual board"\./,
    );
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
