// The bench core for integration tests: created as the tests need it (ports the OS picks, no heartbeat, quiet), and
// a caller that answers a command's value or throws its error in words.
import { createBench, type Bench, type BenchOptions } from '../../src/main/core/bench';
import type { Result } from '../../src/shared/result';

/** A bench on `configDir` with test defaults; `more` adds or overrides options. */
export function testBench(configDir: string, more: Partial<BenchOptions> = {}): Promise<Bench> {
  return createBench({
    configDir,
    identity: { name: 't', version: '0', platform: 'linux' },
    log: () => {},
    heartbeatMs: 0,
    virtualPorts: { wsPort: 0, httpPort: 0, ftpPort: 0 },
    ...more,
  });
}

/** Calls commands on the bench `bench()` gives (as the browser would): the value, or an error naming the command. */
export function caller(bench: () => Bench) {
  return async <T>(name: string, request: unknown): Promise<T> => {
    const r = (await bench().dispatch(name, request, { transport: 'browser' })) as Result<T>;
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value;
  };
}
