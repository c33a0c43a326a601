// `npm test`: lint, the format check, both type-checks, the build, then every vitest project (unit, integration, e2e).
// Ends with one plain line "tests: N passed, N failed, N skipped" that CI can read.
import './node-version.mjs'; // first: on a too-old Node, one line and exit 1 before anything else runs
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './ensure-build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);

function step(label, command, args) {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`✖ ${label} failed`);
    process.exit(r.status ?? 1);
  }
}

step('lint', bin('eslint'), ['.']);
step('format', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
step('type-check (main, preload, shared, tests)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.node.json']);
step('type-check (renderer, shared)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.web.json']);
console.log('\n▶ build');
try {
  buildApp();
} catch {
  console.error('✖ build failed');
  process.exit(1);
}

mkdirSync(join(root, 'test-results'), { recursive: true });
const report = join(root, 'test-results', 'vitest.json');
console.log('\n▶ tests (unit, integration, e2e)');
const r = spawnSync(
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
try {
  const j = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  console.log(`tests: ${j.numPassedTests} passed, ${j.numFailedTests} failed, ${skipped} skipped`);
} catch {
  console.log('tests: 0 passed, 1 failed (no report was written)');
}
process.exit(r.status ?? 1);
