// The browser-mode bridge's limits per client (docs/architecture.md §12.7), against the real process: calls waiting
// for an answer are bounded (past the bound a call is refused at once, in words), a client sending garbage in a loop
// gets a few log lines and a count, not one line per message, and an invoke whose id cannot travel back is ignored
// rather than answered under another id. Found by the bridge fuzz (bridge-fuzz.test.ts).
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PENDING_CALLS, TOO_MANY_CALLS } from '../../src/main/web/bridge-limits';
import { FuzzClient, type Answer } from '../support/fuzz/bridge-client';
import { startCli, tempDir, type CliProcess } from '../support/processes';
import { until } from '../support/wait';

describe('the bridge’s limits per client', () => {
  let web: CliProcess<{ url: string }>;
  let silent: Server;
  const held: Socket[] = [];
  beforeAll(async () => {
    // An "FTP server" that takes connections and never says a word: every files call to it waits.
    silent = createServer((s) => held.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    web = await startCli(['web', '--port', '0', '--config-dir', tempDir(), '--virtual-ports', 'any']);
  });
  afterAll(async () => {
    await web?.stop();
    for (const s of held) s.destroy();
    silent?.close();
  });

  it(`answers a call past ${MAX_PENDING_CALLS} waiting ones at once with a refusal in words, and serves other pages`, async () => {
    const port = (silent.address() as { port: number }).port;
    const page = await FuzzClient.open(web.ready.url);
    const other = await FuzzClient.open(web.ready.url);
    try {
      const saved = await page.invoke(
        1,
        'links:save-profile',
        { name: 'silent', host: '127.0.0.1', wsPort: port, httpPort: port, ftpPort: port },
        30_000,
      );
      const boardId = JSON.stringify(saved.value).match(/"kind":"real","id":"([^"]+)"/)?.[1];
      expect(boardId, JSON.stringify(saved)).toBeDefined();
      const extra = 40;
      const answers: Answer[] = [];
      for (let i = 0; i < MAX_PENDING_CALLS + extra; i++)
        void page
          .invoke(100 + i, 'files:list', { path: '/', boardId }, 120_000)
          .then((a) => answers.push(a))
          .catch(() => {});
      await until(() => answers.length >= extra, `${extra} refusals`, 20_000);
      expect(answers.slice(0, extra)).toEqual(
        Array.from({ length: extra }, () => ({
          ok: false,
          error: { code: 'UNAVAILABLE', message: TOO_MANY_CALLS },
        })),
      );
      expect(await other.invoke(2, 'app:info', {}, 10_000)).toMatchObject({ ok: true });
    } finally {
      page.close();
      other.close();
    }
  });

  it('logs a client’s garbage in a few lines and a count, not a line per message', async () => {
    const page = await FuzzClient.open(web.ready.url);
    try {
      const before = web.stderr().length;
      for (let i = 0; i < 1000; i++) {
        page.send(i % 2 ? 'not json' : Buffer.from([0, 1, 2]));
        page.send(JSON.stringify({ t: 'sub', name: `nope-${i}` }));
      }
      // Messages are handled in order: once this is answered, every message before it was seen.
      expect(await page.invoke(1, 'app:info', {}, 30_000)).toMatchObject({ ok: true });
      page.close();
      await until(
        () => /more messages from this client ignored \(2000 in all\)/.test(web.stderr().slice(before)),
        'the count',
      );
      const lines = web
        .stderr()
        .slice(before)
        .split('\n')
        .filter((l) => l.startsWith('bridge:'));
      expect(lines.length).toBeLessThanOrEqual(20);
    } finally {
      page.close();
    }
  });

  it('ignores an invoke whose id cannot be sent back as it came, instead of answering it under another', async () => {
    const page = await FuzzClient.open(web.ready.url);
    try {
      const results: unknown[] = [];
      page.socket.on('message', (d) => {
        const m = JSON.parse(d.toString()) as { t?: string; id?: unknown };
        if (m.t === 'result') results.push(m.id);
      });
      for (const id of ['1e999', '-1e999', '1.5', '9007199254740993', '"7"', 'null'])
        page.send(`{"t":"invoke","id":${id},"name":"app:info","request":{}}`);
      expect(await page.invoke(8, 'app:info', {}, 30_000)).toMatchObject({ ok: true });
      expect(results).toEqual([8]);
    } finally {
      page.close();
    }
  });

  it('stays up when a command or event name is no text: an object whose toString is 1, 100,000 nested lists', async () => {
    const page = await FuzzClient.open(web.ready.url);
    try {
      const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
      page.send(`{"t":"sub","name":${deep}}`);
      page.send(`{"t":"sub","name":{"toString":1}}`);
      const odd = page.wait('2', 30_000);
      page.send(`{"t":"invoke","id":2,"name":{"toString":1},"request":{}}`);
      const nested = page.wait('3', 30_000);
      page.send(`{"t":"invoke","id":3,"name":${deep},"request":{}}`);
      expect(await odd).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
      expect(await nested).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
      expect(await page.invoke(4, 'app:info', {}, 30_000)).toMatchObject({ ok: true });
      expect(web.child.exitCode).toBeNull();
    } finally {
      page.close();
    }
  });
});
