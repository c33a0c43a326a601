// `npm start`: build when needed, then run the Electron app. When the Electron binary cannot be had (no internet on
// first run, a locked-down lab), say so in one sentence and run browser mode instead, printing the URL to open.
import './node-version.mjs'; // first: on a too-old Node, one line and exit 1 before anything else runs
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliEntry } from './build-cli.mjs';
import { ensureBuilt } from './ensure-build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const electronDir = join(root, 'node_modules', 'electron');

/** The Electron executable, downloading it once if the package allows; undefined when it cannot be had. */
function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  const installed = () =>
    existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8')));
  if (!existsSync(electronDir)) return undefined;
  if (!installed() && process.env.ELECTRON_SKIP_BINARY_DOWNLOAD !== '1') {
    spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'ignore', timeout: 300_000 });
  }
  return installed() ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8')) : undefined;
}

function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit', cwd: root });
  let stopping = false;
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      stopping = true;
      child.kill(sig);
    });
  }
  child.on('exit', (code, signal) => process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0))));
}

ensureBuilt();
const binary = electronBinary();
if (binary) {
  run(binary, [root, ...process.argv.slice(2)]);
} else {
  console.error(
    'The Electron binary is not installed and could not be downloaded, so NUCLEO-MEM Bench starts in browser mode: open the URL below, with its token, in a browser.',
  );
  run(process.execPath, [cliEntry, 'web', ...process.argv.slice(2)]);
}
