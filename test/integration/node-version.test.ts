// The Node.js floor of package.json's engines.node, as the npm scripts enforce it: on an older Node they print one
// line naming the version needed and exit 1 instead of failing later in some dependency. The older Node is this one
// with process.versions.node redefined by an --import preload, so the test needs no second Node installed.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { root } from '../support/processes';

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
  scripts: Record<string, string>;
};
const floor = pkg.engines.node.replace(/^>=\s*/, '');

function runAs(
  version: string,
  script: string,
  args: string[] = [],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const preload = `Object.defineProperty(process.versions, 'node', { value: ${JSON.stringify(version)} });`;
  const child = spawn(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(preload)}`, join(root, script), ...args],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

describe('Node.js version check', () => {
  it('package.json asks for Node 22.12 or newer', () => {
    expect(pkg.engines.node).toBe('>=22.12');
  });

  it.each([
    ['20.19.0', 1],
    ['22.11.9', 1],
    ['21.99.0', 1],
    ['22.12.0', 0],
    ['22.23.5', 0],
    ['24.0.0', 0],
  ])('Node %s: exit %i', async (version, expected) => {
    const r = await runAs(version, 'scripts/node-version.mjs');
    expect(r.code).toBe(expected);
    expect(r.stdout).toBe('');
    if (expected === 0) expect(r.stderr).toBe('');
  });

  it.each([
    ['scripts/start.mjs', []],
    ['scripts/run-cli.mjs', ['web', '--port', '0']],
    ['scripts/run-cli.mjs', ['board', '--port', '0']],
  ])('%s %j on Node 20.19 says in one line what is needed and exits 1', async (script, args) => {
    const r = await runAs('20.19.0', script, args);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `NUCLEO-MEM Bench needs Node.js ${floor} or newer, and this is Node.js 20.19.0: see "Prerequisites" in README.md.\n`,
    );
  });

  // npm test itself is not run here (it would start the whole suite if the check were missing): that every script
  // behind `npm run …` imports the check before anything else is read from the scripts.
  it('every npm script that runs a scripts/*.mjs file imports the check first', () => {
    const files = [
      ...new Set(
        Object.values(pkg.scripts).flatMap((s) =>
          [...s.matchAll(/node (scripts\/\S+\.mjs)/g)].map((m) => m[1]!),
        ),
      ),
    ];
    expect(files).toEqual(
      expect.arrayContaining(['scripts/start.mjs', 'scripts/run-cli.mjs', 'scripts/test.mjs']),
    );
    for (const file of files) {
      const firstImport = readFileSync(join(root, file), 'utf8')
        .split('\n')
        .find((l) => l.startsWith('import '));
      expect(firstImport, file).toMatch(/^import '\.\/node-version\.mjs';/);
    }
  });
});
