// `npm run web|board|bench`: builds the renderer when needed, then runs the CLI with tsx as a child that shares
// stdio; signals are forwarded so Ctrl+C closes the servers cleanly. Tests start src/main/cli/main.ts directly.
import './node-version.mjs'; // first: on a too-old Node, one line and exit 1 before anything else runs
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './ensure-build.mjs';

const [name, ...rest] = process.argv.slice(2);
if (name === 'web' || name === 'bench') ensureBuilt();
const entry = fileURLToPath(new URL('../src/main/cli/main.ts', import.meta.url));
const child = spawn(process.execPath, ['--import', 'tsx', entry, name ?? '', ...rest], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
