// `npm run web|board|bench`: builds the app when needed, then runs the CLI as a child that shares stdio; signals
// are forwarded so Ctrl+C closes the servers cleanly. Tests start src/main/cli/main.ts directly.
import './node-version.mjs'; // first: on a too-old Node, one line and exit 1 before anything else runs
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cliEntry } from './build-cli.mjs';
import { ensureBuilt } from './ensure-build.mjs';

const [name, ...rest] = process.argv.slice(2);
if (name === 'web' || name === 'bench') ensureBuilt();
// `web` runs the bundled CLI (build-cli.mjs: no TypeScript compiled at start-up); the others run the sources.
const args =
  name === 'web'
    ? [cliEntry, name, ...rest]
    : [
        '--import',
        'tsx',
        fileURLToPath(new URL('../src/main/cli/main.ts', import.meta.url)),
        name ?? '',
        ...rest,
      ];
const child = spawn(process.execPath, args, { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
