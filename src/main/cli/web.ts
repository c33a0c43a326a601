import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBench } from '../core/bench';
import { parseDiscoveryTargets } from '../core/links/discovery';
import { fixedFtpTarget } from '../core/files/target';
import { MIN_TOKEN_LENGTH, tokenProblem } from '../web/auth';
import { startWebServer } from '../web/server';
import { choiceFlag, parseFlags, portFlag, UsageError } from './args';
import { defaultConfigDir, projectRoot, rendererDir } from './paths';

/** `web`: the core in this process, the renderer and the bridge on one port. Prints one JSON line when ready. */
export async function runWeb(argv: string[]): Promise<void> {
  const flags = parseFlags(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    'config-dir': { type: 'string' },
    'virtual-ports': { type: 'string' },
    token: { type: 'string' },
  });
  // The first in-app virtual board to start takes 8080/8000/2121 where free; `any` lets the OS pick every port
  // (parallel test runs).
  const anyPorts =
    choiceFlag('virtual-ports', flags['virtual-ports'], ['preferred', 'any'] as const, 'preferred') === 'any';
  const port = portFlag('port', flags.port, 5180);
  const host = flags.host ?? '127.0.0.1';
  const token = givenToken(flags.token);
  if (!isLoopback(host) && token === undefined) {
    throw new UsageError(
      `--host ${host} opens the bench to the network, so it needs a token you choose: give --token or NUCLEO_BENCH_TOKEN (${MIN_TOKEN_HINT})`,
    );
  }
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new UsageError('the renderer is not built: run "npm run build" first');
  }
  const log = (m: string): void => void process.stderr.write(`${m}\n`);
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
    version: string;
    productName: string;
  };
  // Developer option: point the Files page at any FTP server ("browse this FTP server"), e.g. a virtual board
  // started elsewhere: NUCLEO_BENCH_FTP_TARGET=ftp://127.0.0.1:2121 (user:password@ and #http=<base> optional).
  const ftpUrl = process.env.NUCLEO_BENCH_FTP_TARGET;
  let ftpTargets;
  try {
    ftpTargets = ftpUrl ? fixedFtpTarget(ftpUrl) : undefined;
  } catch (err) {
    throw new UsageError(`NUCLEO_BENCH_FTP_TARGET: ${err instanceof Error ? err.message : String(err)}`);
  }
  // Developer option: ask these responders instead of the multicast groups when looking for boards, e.g. a
  // virtual board started with --llmnr-port/--mdns-port: NUCLEO_BENCH_DISCOVERY_TARGETS=mdns=127.0.0.1:PORT,llmnr=…
  const discoveryText = process.env.NUCLEO_BENCH_DISCOVERY_TARGETS;
  let discoveryTargets;
  try {
    discoveryTargets = discoveryText ? parseDiscoveryTargets(discoveryText) : undefined;
  } catch (err) {
    throw new UsageError(
      `NUCLEO_BENCH_DISCOVERY_TARGETS: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const bench = await createBench({
    ftpTargets,
    ...(discoveryTargets ? { discoveryTargets } : {}),
    configDir: flags['config-dir'] ?? defaultConfigDir(),
    identity: { name: pkg.productName, version: pkg.version, platform: process.platform },
    log,
    ...(anyPorts ? { virtualPorts: { wsPort: 0, httpPort: 0, ftpPort: 0 } } : {}),
  });
  const server = await startWebServer({ bench, rendererDir, host, port, log, ...(token ? { token } : {}) });
  let closing = false;
  const shutdown = (): void => {
    if (closing) return;
    closing = true;
    void Promise.allSettled([server.close(), bench.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  // Signal handlers are in place before the ready line, so a signal right after it still closes cleanly.
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  if (!isLoopback(host)) {
    log(
      `warning: browser mode listens on ${host}: anyone who can reach it and knows the token can drive the bench`,
    );
  }
}

const MIN_TOKEN_HINT = `at least ${MIN_TOKEN_LENGTH} letters, digits or . _ ~ -`;

/** The token the user gave (--token wins over NUCLEO_BENCH_TOKEN), checked; undefined for a generated one. */
function givenToken(flag: string | undefined): string | undefined {
  const [token, from] =
    flag !== undefined ? [flag, '--token'] : [process.env.NUCLEO_BENCH_TOKEN, 'NUCLEO_BENCH_TOKEN'];
  if (token === undefined || (from === 'NUCLEO_BENCH_TOKEN' && token === '')) return undefined;
  const problem = tokenProblem(token);
  if (problem) throw new UsageError(`${from} is not usable: ${problem}`);
  return token;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
