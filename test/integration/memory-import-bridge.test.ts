// Issue 22, points 3 and 7, against a real browser-mode core (`npm run web`) through its bridge socket: a big map
// is imported while the core keeps answering, and no request closes the socket under the other pending calls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { IMPORT_PART_CHARS, MAX_IMPORT_CHARS } from '../../src/shared/bridge/contracts/memory';
import type { ImportedBuild } from '../../src/shared/memory/import';
import type { Result } from '../../src/shared/result';
import { bridgeUrl } from '../support/bridge';
import { bigMap, pathologicalMap, regionOrigin } from '../support/memory-maps';
import { startCli, tempDir, type CliProcess } from '../support/processes';

/** One bridge client: invokes by id, and the close code if the core closed the socket. */
class Client {
  private nextId = 1;
  private readonly waiting = new Map<number, (r: Result<unknown>) => void>();
  /** Ids of results in the order they came. */
  readonly order: number[] = [];
  closedWith: number | undefined;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { t: string; id: number; result: Result<unknown> };
      if (m.t !== 'result') return;
      this.order.push(m.id);
      this.waiting.get(m.id)?.(m.result);
    });
    ws.on('close', (code) => {
      this.closedWith = code;
      for (const resolve of this.waiting.values())
        resolve({ ok: false, error: { code: 'TRANSPORT', message: `socket closed with ${code}` } });
    });
  }

  static async open(pageUrl: string): Promise<Client> {
    const ws = new WebSocket(bridgeUrl(pageUrl), { origin: new URL(pageUrl).origin });
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
    return new Client(ws);
  }

  /** Sends an invoke now; its id and its result to come. */
  send<T>(name: string, request: unknown): { id: number; result: Promise<Result<T>> } {
    const id = this.nextId++;
    const result = new Promise<Result<T>>((resolve) =>
      this.waiting.set(id, resolve as (r: Result<unknown>) => void),
    );
    this.ws.send(JSON.stringify({ t: 'invoke', id, name, request }));
    return { id, result };
  }

  /** Sends the files in parts, as the Memory page does; the upload's name. */
  async upload(files: { linkerScript?: string; mapFile?: string }): Promise<string> {
    const upload = `t${this.nextId}`;
    for (const file of ['linkerScript', 'mapFile'] as const) {
      const text = files[file];
      if (text === undefined) continue;
      for (let index = 0, at = 0; index === 0 || at < text.length; index++, at += IMPORT_PART_CHARS) {
        const part = text.slice(at, at + IMPORT_PART_CHARS);
        const r = await this.send('memory:import-part', { upload, which: file, index, text: part }).result;
        expect(r).toMatchObject({ ok: true });
      }
    }
    return upload;
  }
}

/** A map of 256 regions and 6,300 sections (25,200 input sections) whose objects sit in `objectDir`. */
const map = (objectDir: string) => bigMap({ regions: 256, sections: 6_300, inputsPerSection: 4, objectDir });
/** 3.3 MB, deep in a Windows build tree: 4.4 MB once JSON doubles its backslashes. */
const windowsMap = map(`C:\\${'w\\'.repeat(40)}`);

/** The checks the imported 256 × 6,300 map must pass: each section in its region, regions summed. */
function checkBuild(r: Result<ImportedBuild>): void {
  if (!r.ok) throw new Error(r.error.message);
  expect(r.value.regions).toHaveLength(256);
  expect(r.value.sections).toHaveLength(6_300);
  const r5 = r.value.regions[5]!;
  expect(r5).toMatchObject({ name: 'R5', origin: regionOrigin(5), used: 25 * 64 });
  expect(r5.sections.slice(0, 3)).toEqual(['.s5', '.s261', '.s517']);
  for (const s of r.value.sections) expect(s.region).toBe(`R${Number(s.name.slice(2)) % 256}`);
  expect(r.value.sections[0]!.inputs[0]!.object).toBe('obj0.o');
}

describe('memory import through the browser-mode bridge', () => {
  let web: CliProcess<{ url: string }>;
  let client: Client;
  beforeAll(async () => {
    web = await startCli(['web', '--port', '0', '--config-dir', tempDir()]);
    client = await Client.open(web.ready.url);
  });
  afterAll(async () => {
    client?.ws.close();
    await web?.stop();
  });

  it('matches a 3.3 MB map and answers a call sent after it before the import ends', async () => {
    const unixMap = map('/home/lab/STM32CubeIDE/workspace/nucleo-mem/Debug/Core/Src/drivers/ethernet/lwip/');
    expect(unixMap.length).toBeGreaterThan(3_000_000);
    expect(Buffer.byteLength(JSON.stringify({ mapFile: unixMap }))).toBeLessThan(4 * 1024 * 1024);
    const imported = client.send<ImportedBuild>('memory:import', { mapFile: unixMap });
    const ping = client.send('app:info', {});
    expect(await ping.result).toMatchObject({ ok: true });
    checkBuild(await imported.result);
    // The core answered while the import ran: it parses in slices instead of holding everyone up.
    expect(client.order.indexOf(ping.id)).toBeLessThan(client.order.indexOf(imported.id));
  });

  it('refuses the 85,000-region, 3.4 MB map of issue 22 with the limit, and keeps answering', async () => {
    const r = await client.send('memory:import', { mapFile: pathologicalMap() }).result;
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message:
          'Map file, line 260: the Memory Configuration table lists more than 256 regions, more than the import takes.',
      },
    });
    expect(await client.send('app:info', {}).result).toMatchObject({ ok: true });
  });

  it('refuses one message past 4 MiB alone: the calls around it are answered and the socket stays open', async () => {
    expect(windowsMap.length).toBeLessThan(MAX_IMPORT_CHARS);
    expect(Buffer.byteLength(JSON.stringify({ mapFile: windowsMap }))).toBeGreaterThan(4 * 1024 * 1024);
    const before = client.send('app:info', {});
    // The map inline, as the Memory page sent it before: one message past 4 MiB once JSON-escaped.
    const inline = client.send('memory:import', { mapFile: windowsMap });
    const after = client.send('app:info', {});
    expect(await before.result).toMatchObject({ ok: true });
    expect(await inline.result).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/more than the 4 MB one message/) },
    });
    expect(await after.result).toMatchObject({ ok: true });
    expect(client.closedWith).toBeUndefined();
  });

  it('imports the 3.3 MB Windows map sent in parts, as the Memory page sends it', async () => {
    const upload = await client.upload({ mapFile: windowsMap });
    const imported = client.send<ImportedBuild>('memory:import', { upload });
    const ping = client.send('app:info', {});
    expect(await ping.result).toMatchObject({ ok: true });
    checkBuild(await imported.result);
    expect(client.closedWith).toBeUndefined();
  });

  it('imports a 2 MB linker script with a 2 MB map in one upload', async () => {
    const regions = Array.from(
      { length: 256 },
      (_, k) => `  R${k} (xrw) : ORIGIN = ${regionOrigin(k)}, LENGTH = 4K`,
    );
    const padding = `/* ${'C:\\Users\\lab\\'.repeat(80)} */\n`.repeat(1_000);
    const linkerScript = `${padding}MEMORY\n{\n${regions.join('\n')}\n}\n${padding}`;
    const mapFile = bigMap({
      regions: 256,
      sections: 5_000,
      inputsPerSection: 4,
      objectDir: `C:\\${'d\\'.repeat(30)}`,
    });
    expect(linkerScript.length + mapFile.length).toBeGreaterThan(4_000_000);

    const r = await client.send<ImportedBuild>('memory:import', {
      upload: await client.upload({ linkerScript, mapFile }),
    }).result;
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.from).toEqual({ linkerScript: true, mapFile: true });
    expect(r.value.notes).toEqual([]);
    expect(r.value.sections).toHaveLength(5_000);
    expect(client.closedWith).toBeUndefined();
  });
});
