// Every contract request that names a host path is refused outside the folders the user chose (or the app's own),
// by real path, in both transports; in browser mode the files the core writes reach the page as one-time
// downloads over the tokened server, and nothing opens a native dialog or reads a typed host path.
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { z } from 'zod';
import { commands } from '../../src/shared/bridge/contract';
import type { WebServerMessage } from '../../src/shared/bridge/contract';
import { createBench, type Bench } from '../../src/main/core/bench';
import type { HostDialogs } from '../../src/main/core/files/host-folders';
import { startWebServer, type WebServer } from '../../src/main/web/server';
import { tempDir } from '../support/processes';

type Reply = { ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string } };

/** The request fields of a command, through defaults, unions and refinements. */
function fieldsOf(schema: z.ZodType): string[] {
  const def = (schema as unknown as { def: { type: string; innerType?: z.ZodType; in?: z.ZodType } }).def;
  if (def.type === 'object') return Object.keys((schema as unknown as { shape: object }).shape);
  if (def.type === 'union')
    return (schema as unknown as { options: z.ZodType[] }).options.flatMap((o) => fieldsOf(o));
  if (def.innerType) return fieldsOf(def.innerType);
  if (def.in) return fieldsOf(def.in);
  return [];
}

/**
 * Every request field that names a path, and what it names. A new one fails the first test until it is put here
 * (and confined like the host paths below).
 */
const PATH_FIELDS: Record<string, 'host' | 'remote eMMC' | 'serial device'> = {
  'files:download localDir': 'host',
  'files:upload-from-host localPaths': 'host',
  'telemetry:record-start dir': 'host',
  'telemetry:save-capture dir': 'host',
  'telemetry:export-csv dir': 'host',
  'telemetry:export-csv file': 'host',
  'runs:export-csv dir': 'host',
  'serial:log-to-file path': 'host',
  'serial:open path': 'serial device',
  'files:list path': 'remote eMMC',
  'files:mkdir path': 'remote eMMC',
  'files:delete paths': 'remote eMMC',
  'files:read path': 'remote eMMC',
  'files:download paths': 'remote eMMC',
  'files:upload-from-host remoteDir': 'remote eMMC',
  'files:upload-begin remoteDir': 'remote eMMC',
};

describe('host paths: only where the user chose', () => {
  let bench: Bench;
  let server: WebServer;
  let ws: WebSocket;
  const config = tempDir('host-paths-config-');
  const outside = tempDir('host-paths-outside-');
  const picked = tempDir('host-paths-picked-');
  let dialogAnswer: string | undefined;
  let dialogCalls = 0;
  const dialogs: HostDialogs = {
    chooseFolder: async () => (dialogCalls++, dialogAnswer),
    chooseSaveFile: async () => (dialogCalls++, dialogAnswer),
    chooseOpen: async () => (dialogCalls++, dialogAnswer ? [dialogAnswer] : []),
  };
  const results = new Map<number, (r: Reply) => void>();
  let nextId = 1;
  const viaBrowser = (name: string, request: unknown) =>
    new Promise<Reply>((resolve) => {
      const id = nextId++;
      results.set(id, resolve);
      ws.send(JSON.stringify({ t: 'invoke', id, name, request }));
    });
  const viaElectron = (name: string, request: unknown) =>
    bench.dispatch(name, request, { transport: 'electron' }) as Promise<Reply>;
  const both = [
    ['browser', viaBrowser],
    ['electron', viaElectron],
  ] as const;

  beforeAll(async () => {
    bench = await createBench({
      connectOnStart: false,
      configDir: config,
      identity: { name: 't', version: '0', platform: 'linux' },
      log: () => {},
      heartbeatMs: 0,
      hostDialogs: dialogs,
    });
    server = await startWebServer({ bench, rendererDir: config, host: '127.0.0.1', port: 0, log: () => {} });
    ws = new WebSocket(`ws://127.0.0.1:${server.port}/bridge?token=${server.token}`, {
      origin: server.origin,
    });
    await new Promise((r) => ws.once('open', r));
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as WebServerMessage;
      if (msg.t === 'result') results.get(msg.id)?.(msg.result as Reply);
    });
    const t0 = Date.now();
    for (let i = 0; i < 5; i++)
      bench.telemetry.pipeline.ingest('virtual', {
        t: t0 + i,
        dir: 'rx',
        op: 1,
        data: JSON.stringify({ type: 'telemetry', data: { junctionTemp: 40 + i } }),
      });
    // A symlink inside each of the app's folders that leads out of it.
    for (const purpose of ['recordings', 'serial-logs', 'downloads'])
      mkdirSync(join(config, purpose), { recursive: true });
    for (const purpose of ['recordings', 'serial-logs', 'downloads'])
      symlinkSync(outside, join(config, purpose, 'escape'));
    writeFileSync(join(outside, 'old.ndjson'), '');
    writeFileSync(join(outside, 'note.log'), 'keep\n');
  });
  afterAll(async () => {
    ws?.close();
    await server?.close();
    await bench?.close();
    for (const d of [config, outside, picked]) rmSync(d, { recursive: true, force: true });
  });

  it('knows every request field of the contract that names a path', () => {
    const found = Object.entries(commands).flatMap(([name, spec]) =>
      fieldsOf(spec.request as z.ZodType)
        .filter((f) => /^(dir|file|path|paths|localDir|localPaths|remoteDir)$/.test(f))
        .map((f) => `${name} ${f}`),
    );
    expect(new Set(found)).toEqual(new Set(Object.keys(PATH_FIELDS)));
  });

  it('refuses files:upload-from-host in browser mode outright, and in the desktop app unless picked in its dialog', async () => {
    const r = await viaBrowser('files:upload-from-host', { localPaths: ['/etc/hostname'], remoteDir: '/' });
    expect(r.error).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/upload from this browser/),
    });
    for (const p of ['/etc/hostname', '/root/.ssh/id_ed25519', outside]) {
      const e = await viaElectron('files:upload-from-host', { localPaths: [p], remoteDir: '/' });
      expect(e.error?.code, p).toBe('FORBIDDEN');
    }
    dialogAnswer = outside;
    const grant = await viaElectron('host:choose-upload', { kind: 'folder' });
    expect(grant.value).toEqual({ paths: [outside] });
    const granted = await viaElectron('files:upload-from-host', { localPaths: [outside], remoteDir: '/' });
    expect(granted.error?.code).not.toBe('FORBIDDEN');
    // A grant is used once.
    const again = await viaElectron('files:upload-from-host', { localPaths: [outside], remoteDir: '/' });
    expect(again.error?.code).toBe('FORBIDDEN');
  });

  const attempts = (dir: string) =>
    [
      ['telemetry:record-start', { dir }],
      ['telemetry:save-capture', { dir }],
      ['telemetry:export-csv', { source: 'window', fromT: 0, toT: Date.now() + 1000, dir }],
      ['telemetry:export-csv', { source: 'recording', file: join(dir, 'old.ndjson') }],
      ['runs:export-csv', { reviewId: 'any', fromT: 0, toT: 1, dir }],
      ['files:download', { paths: ['/index.html'], localDir: dir }],
      ['serial:log-to-file', { action: 'start', path: join(dir, 'note.log') }],
    ] as const;

  it.each(['/etc', '/root/.ssh', 'symlink', 'outside'])(
    'refuses every host-path request into %s, in both transports',
    async (where) => {
      for (const [transport, call] of both) {
        for (const [name, request] of attempts(where === 'outside' ? outside : where)) {
          const req =
            where === 'symlink'
              ? JSON.parse(
                  JSON.stringify(request).replaceAll(
                    '"symlink',
                    `"${join(config, name.startsWith('serial') ? 'serial-logs' : name.startsWith('files') ? 'downloads' : 'recordings', 'escape')}`,
                  ),
                )
              : request;
          const r = await call(name, req);
          expect(r.error?.code, `${transport} ${name} ${JSON.stringify(req)}`).toBe('FORBIDDEN');
        }
      }
      expect(readFileSync(join(outside, 'note.log'), 'utf8')).toBe('keep\n');
      expect(bench.telemetry.recorder.state.active).toBe(false);
    },
  );

  it('writes into the app’s own folders and offers the file once as a browser download', async () => {
    const saved = await viaBrowser('telemetry:save-capture', {});
    expect(saved.ok).toBe(true);
    const file = saved.value!.file as string;
    expect(file.startsWith(join(config, 'recordings'))).toBe(true);
    const url = `${server.origin}${saved.value!.download as string}`;
    expect(saved.value!.download).toMatch(/^\/download\/[A-Za-z0-9_-]{24}$/);
    expect((await fetch(url)).status).toBe(401);
    const cookie = `nucleo-bench-token-${server.port}=${server.token}`;
    const res = await fetch(url, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''capture-/);
    expect(await res.text()).toBe(readFileSync(file, 'utf8'));
    expect((await fetch(url, { headers: { cookie } })).status).toBe(404);

    const csv = await viaBrowser('telemetry:export-csv', {
      source: 'window',
      fromT: 0,
      toT: Date.now() + 1000,
    });
    expect(csv.value!.download).toMatch(/^\/download\//);
    const desktop = await viaElectron('telemetry:save-capture', {});
    expect(desktop.ok).toBe(true);
    expect(desktop.value!.download).toBeUndefined();

    // Each board has its own console; no board is focused here, so the log names one.
    const log = join(config, 'serial-logs', 'bench.log');
    const onBoard = { boardId: 'virtual' };
    expect((await viaBrowser('serial:log-to-file', { action: 'start', path: log, ...onBoard })).ok).toBe(
      true,
    );
    const stopped = await viaBrowser('serial:log-to-file', { action: 'stop', ...onBoard });
    expect(stopped.value!.download).toMatch(/^\/download\//);
  });

  it('opens only serial devices as serial ports, in both transports', async () => {
    for (const [transport, call] of both)
      for (const path of ['/etc/passwd', '/dev/null', join(config, 'recordings')]) {
        const r = await call('serial:open', { path });
        expect(r.error, `${transport} ${path}`).toMatchObject({
          code: 'FORBIDDEN',
          message: expect.stringMatching(/is not a serial port/),
        });
      }
  });

  it('chooses folders only through the desktop app’s dialog, never a system folder', async () => {
    const calls = dialogCalls;
    const fromBrowser = await viaBrowser('host:choose-folder', { purpose: 'recordings' });
    expect(fromBrowser.error?.code).toBe('UNAVAILABLE');
    expect(dialogCalls).toBe(calls);
    expect((await viaBrowser('host:folders', {})).value).toMatchObject({ canChoose: false });

    dialogAnswer = '/etc';
    expect((await viaElectron('host:choose-folder', { purpose: 'recordings' })).error?.code).toBe(
      'FORBIDDEN',
    );
    dialogAnswer = picked;
    const chosen = await viaElectron('host:choose-folder', { purpose: 'recordings' });
    expect(chosen.value).toMatchObject({ path: picked, folders: { recordings: picked, canChoose: true } });
    const rec = await viaElectron('telemetry:save-capture', { dir: picked });
    expect((rec.value!.file as string).startsWith(picked)).toBe(true);
    // The chosen folder is where files go by default, in both transports.
    const byDefault = await viaBrowser('telemetry:save-capture', {});
    expect((byDefault.value!.file as string).startsWith(picked)).toBe(true);
    symlinkSync(outside, join(picked, 'escape'));
    expect((await viaElectron('telemetry:save-capture', { dir: join(picked, 'escape') })).error?.code).toBe(
      'FORBIDDEN',
    );
    const status = await viaElectron('telemetry:recording-status', {});
    expect(status.value!.folders).toMatchObject({ lastDir: picked });

    dialogAnswer = join(picked, 'serial.log');
    const save = await viaElectron('host:choose-save-file', {
      purpose: 'serial-logs',
      defaultName: 'serial.log',
    });
    expect(save.value).toMatchObject({ path: join(picked, 'serial.log') });
    expect(
      (
        await viaElectron('serial:log-to-file', {
          action: 'start',
          path: join(picked, 'serial.log'),
          boardId: 'virtual',
        })
      ).ok,
    ).toBe(true);
    await viaElectron('serial:log-to-file', { action: 'stop', boardId: 'virtual' });
  });
});
