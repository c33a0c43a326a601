// Issue 22, point 12: the MQTT errors that used to quote a library or a system call now say what is wrong.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Bench } from '../../src/main/core/bench';
import { MqttPublisher } from '../../src/main/core/mqtt/publisher';
import { mqttConfigSchema } from '../../src/shared/bridge/contracts/mqtt';
import { testBench } from '../support/bench';
import { root, tempDir } from '../support/processes';
import { until } from '../support/wait';

const dir = tempDir('mqtt-clear-errors-');
const cleanup: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `npm run agent -- <args>` (as `uid` when given); its exit code and stderr. */
function agent(args: string[], asUser?: number): Promise<{ code: number | null; stderr: string }> {
  const node = [process.execPath, '--import', 'tsx', join(root, 'src/main/cli/main.ts'), 'agent', ...args];
  const [cmd, ...argv] =
    asUser === undefined
      ? node
      : ['setpriv', `--reuid=${asUser}`, `--regid=${asUser}`, '--clear-groups', ...node];
  return new Promise((resolve) => {
    execFile(
      cmd!,
      argv,
      { cwd: root, env: { ...process.env, HOME: dir }, timeout: 60_000 },
      (err, _o, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stderr }),
    );
  });
}

describe('MQTT errors in plain words', () => {
  it('a server that is not an MQTT broker (a web server) is named as such', async () => {
    // Answers every connection as a web server does.
    const sockets = new Set<Socket>();
    const server: Server = createServer((s) => {
      sockets.add(s);
      s.on('error', () => {});
      s.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanup.push(() => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((r) => server.close(() => r()));
    });
    const { port } = server.address() as { port: number };
    const p = new MqttPublisher({
      config: mqttConfigSchema.parse({ enabled: true, url: `mqtt://127.0.0.1:${port}` }),
      bench: 'not-a-broker',
      queueDir: join(dir, 'q'),
      backoff: { stepsMs: [60_000], jitter: 0 },
    });
    cleanup.push(() => p.stop(0));
    p.start();
    const c = await until(() => {
      const s = p.status().connection;
      return s.kind === 'waiting' ? s : undefined;
    }, 'the connection to fail');
    expect(c.reason).toBe(
      `The server at 127.0.0.1:${port} did not answer as an MQTT broker: is this the broker's address and port?`,
    );
  });

  it('a config folder the agent cannot write is named, without a system call in the message', async () => {
    const configDir = join(dir, 'read-only');
    mkdirSync(configDir);
    chmodSync(configDir, 0o555);
    chmodSync(dir, 0o755);
    // root writes anywhere: the agent runs as nobody then.
    const asUser = process.getuid?.() === 0 ? 65534 : undefined;
    const r = await agent(
      ['--mqtt', 'mqtt://127.0.0.1:1', '--virtual', '1', '--config-dir', configDir],
      asUser,
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      `The bench cannot write to its config folder ${configDir} (permission denied): the MQTT queue is kept there.`,
    );
    expect(r.stderr).not.toMatch(/EACCES|ENOENT|mkdir '/);
  });

  it('--bench over 64 characters names the limit (no JSON)', async () => {
    const r = await agent(['--mqtt', 'mqtt://127.0.0.1:1', '--bench', 'b'.repeat(65), '--config-dir', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --bench: the bench name is at most 64 characters; this one has 65\n');
  });

  it('a bench name with a line break is told about control characters, not about +, # or /', async () => {
    const bench: Bench = await testBench(tempDir('mqtt-clear-errors-bench-'));
    cleanup.push(() => bench.close());
    const r = await bench.dispatch('mqtt:config-set', { bench: 'lab\n1' }, { transport: 'browser' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toMatch(/bench name contains control characters/);
    expect(r.error.message).not.toMatch(/\+, # or \//);
  });
});
