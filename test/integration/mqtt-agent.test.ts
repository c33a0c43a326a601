// `npm run agent`: the headless bench against a real Mosquitto — last will on kill -9, clean offline on SIGTERM.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBoard } from '../../src/main/board';
import { ProfileStore } from '../../src/main/core/links/profiles';
import { Mosquitto } from '../support/mosquitto';
import { Collector } from '../support/mqtt-collector';
import { root, startCli, tempDir } from '../support/processes';
import { until } from '../support/wait';

interface AgentReady {
  bench: string;
  pid: number;
  boards: Array<{ id: string; name: string; topic: string }>;
}

let broker: Mosquitto;
const dirs: string[] = [];
beforeAll(async () => {
  broker = await Mosquitto.start();
});
afterAll(async () => {
  await broker?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function configDir(): string {
  const d = tempDir('agent-config-');
  dirs.push(d);
  return d;
}

describe('npm run agent', () => {
  it('publishes N virtual boards; after kill -9 the broker sets the bench offline by its last will', async () => {
    const sub = await Collector.start(broker.url, 'nucleo-mem/agent-k/#');
    const agent = await startCli<AgentReady>([
      'agent',
      '--mqtt',
      broker.url,
      '--bench',
      'agent-k',
      '--virtual',
      '2',
      '--telemetry-ms',
      '100',
      '--config-dir',
      configDir(),
    ]);
    try {
      expect(agent.ready.boards.map((b) => b.topic)).toEqual(['virtual-1', 'virtual-2']);
      for (const b of ['virtual-1', 'virtual-2']) {
        await until(() => sub.last(`nucleo-mem/agent-k/${b}/status`)?.state === 'online', `${b} online`);
        await until(() => sub.on(`nucleo-mem/agent-k/${b}/telemetry`).length >= 3, `${b} telemetry`);
        // The board sessions probe the virtual boards' HTTP and FTP servers too: the status carries each link.
        await until(() => {
          const links = sub.last(`nucleo-mem/agent-k/${b}/status`)?.links as
            Record<string, { state: string }> | undefined;
          return links?.ws?.state === 'open' && links.http?.state === 'open' && links.ftp?.state === 'open';
        }, `${b} WebSocket, HTTP and FTP open`);
      }
      expect(sub.last('nucleo-mem/agent-k/status')).toMatchObject({ state: 'online' });
      process.kill(agent.ready.pid, 'SIGKILL');
      await until(
        () => sub.last('nucleo-mem/agent-k/status')?.state === 'offline',
        'the last will on the bench status',
      );
      const will = sub.last('nucleo-mem/agent-k/status')!;
      expect(will).toMatchObject({ reason: 'connection lost' });
      // A will is fixed at connect time: it names that time for what it is, not as the time the bench was lost.
      expect(will).not.toHaveProperty('since');
      const online = sub.json('nucleo-mem/agent-k/status').find((s) => s.state === 'online')!;
      expect(Date.parse(String(will.connectedAt))).toBeLessThanOrEqual(Date.parse(String(online.t)));
      // Retained: a subscriber arriving later is told the bench is offline.
      const late = await Collector.start(broker.url, 'nucleo-mem/agent-k/status');
      await until(() => late.last('nucleo-mem/agent-k/status'), 'the retained bench status');
      expect(late.on('nucleo-mem/agent-k/status')[0]).toMatchObject({ retained: true });
      expect(late.last('nucleo-mem/agent-k/status')).toMatchObject({ state: 'offline' });
      await late.close();
    } finally {
      await agent.stop('SIGKILL');
      await sub.close();
    }
  });

  it('stops cleanly on SIGTERM: every board and the bench offline, queue flushed, exit 0', async () => {
    const sub = await Collector.start(broker.url, 'nucleo-mem/agent-t/#');
    const agent = await startCli<AgentReady>([
      'agent',
      '--mqtt',
      broker.url,
      '--bench',
      'agent-t',
      '--virtual',
      '1',
      '--telemetry-ms',
      '20',
      '--config-dir',
      configDir(),
    ]);
    let out = '';
    agent.child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    await until(() => sub.on('nucleo-mem/agent-t/virtual-1/telemetry').length >= 10, 'telemetry');
    expect(await agent.stop('SIGTERM')).toBe(0);
    const last = JSON.parse(out.trim().split('\n').at(-1)!) as {
      stopped: boolean;
      queued: number;
      telemetry: Record<string, number>;
    };
    expect(last).toMatchObject({ stopped: true, queued: 0 });
    // Everything it published arrived before it said offline.
    await until(() => sub.last('nucleo-mem/agent-t/status')?.state === 'offline', 'the bench offline');
    expect(sub.last('nucleo-mem/agent-t/status')).not.toHaveProperty('reason');
    expect(sub.last('nucleo-mem/agent-t/virtual-1/status')).toMatchObject({ state: 'offline' });
    const seqs = sub.json('nucleo-mem/agent-t/virtual-1/telemetry').map((m) => m.seq as number);
    expect(new Set(seqs).size).toBe(last.telemetry['virtual-1']);
    await sub.close();
  });

  it('watches the real boards saved in the config dir', async () => {
    const board = await startBoard({ wsPort: 0, telemetryMs: 50, bootDelayMs: 0 });
    const dir = configDir();
    new ProfileStore(dir).save({ name: 'Bench left', host: '127.0.0.1', wsPort: board.endpoints.wsPort });
    const sub = await Collector.start(broker.url, 'nucleo-mem/agent-r/#');
    const agent = await startCli<AgentReady>([
      'agent',
      '--mqtt',
      broker.url,
      '--bench',
      'agent-r',
      '--config-dir',
      dir,
    ]);
    try {
      expect(agent.ready.boards.map((b) => [b.name, b.topic])).toEqual([['Bench left', 'Bench-left']]);
      await until(
        () => sub.last('nucleo-mem/agent-r/Bench-left/status')?.state === 'online',
        'the board online',
      );
      expect(sub.last('nucleo-mem/agent-r/Bench-left/status')).toMatchObject({ virtual: false });
      await until(() => sub.on('nucleo-mem/agent-r/Bench-left/telemetry').length >= 3, 'its telemetry');
      // The board goes away: its status says so, with the reason, and an event tells it in words.
      await board.close();
      await until(
        () => sub.last('nucleo-mem/agent-r/Bench-left/status')?.state === 'offline',
        'the board offline',
      );
      await until(() => sub.last('nucleo-mem/agent-r/Bench-left/event')?.kind === 'link', 'the link event');
    } finally {
      expect(await agent.stop('SIGTERM')).toBe(0);
      await sub.close();
      await board.close();
    }
  });

  it('npm run bench -- lab prints its one JSON line, nothing lost', () => {
    const r = spawnSync(
      process.execPath,
      [
        ...['--import', 'tsx', join(root, 'src/main/cli/main.ts'), 'bench', 'lab'],
        ...['--boards', '2', '--rate', '20', '--seconds', '1', '--mqtt', broker.url],
      ],
      { cwd: root, encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const line = JSON.parse(r.stdout.trim()) as Record<string, number>;
    expect(Object.keys(line)).toEqual(
      expect.arrayContaining([
        'boards',
        'rateHz',
        'published',
        'received',
        'lost',
        'duplicates',
        'latencyMsP50',
        'latencyMsP99',
        'agentCpuPct',
        'agentRssMB',
      ]),
    );
    expect(line.published).toBeGreaterThan(0);
    expect(line.lost).toBe(0);
  });

  it('explains a bad broker URL and a missing board list in words, exit 2', () => {
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/main/cli/main.ts'), 'agent', ...args], {
        cwd: root,
        encoding: 'utf8',
      });
    const bad = run(['--mqtt', 'http://broker.lab:1883', '--virtual', '1', '--config-dir', configDir()]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/must start with mqtt:\/\/, mqtts:\/\/, ws:\/\/ or wss:\/\//);
    const none = run(['--mqtt', broker.url, '--config-dir', configDir()]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/no boards to watch/);
  });
});
