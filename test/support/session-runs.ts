// A session file with something on every channel, for the session-file tests: `n` telemetry rows at 1 kHz (board
// uptime as publish time), then one frame, TCP event, serial line, pool-status and marker.
import { SessionFileWriter } from '../../src/main/core/flight/session-file-writer';
import type { ChunkCompression } from '../../src/main/core/flight/compression';
import { uptimeNs, type SessionFileInfo } from '../../src/shared/session-file/messages';

export const RUN_INFO: SessionFileInfo = {
  boardId: 'bench-b',
  boardName: 'Bench B',
  boardKind: 'real',
  benchVersion: '0.1.0',
  started: 1_765_000_000_000,
};
export const T0 = RUN_INFO.started;

/** Writes the run into `path`; with `close` false only flushes (a writer killed after its last chunk). */
export async function writeRun(
  path: string,
  n: number,
  compression: ChunkCompression,
  options: { close?: boolean; chunkBytes?: number } = {},
): Promise<SessionFileWriter> {
  const w = await SessionFileWriter.create(path, RUN_INFO, {
    compression,
    chunkBytes: options.chunkBytes ?? 16 * 1024,
    sync: false,
  });
  for (let i = 0; i < n; i++) {
    const text = `{"type":"telemetry","data":{"seq":${i},"uptime":${100 + i / 1000}}}`;
    w.add('telemetry', T0 + i, text, uptimeNs(JSON.parse(text)));
  }
  w.add('frames', T0 + 1, {
    link: 1,
    dir: 'rx',
    opcode: 1,
    fin: true,
    masked: false,
    length: 2,
    payload: 'e30=',
  });
  w.add('tcp', T0 + 1, { link: 1, event: 'open', kind: 'connected' });
  w.add('serial', T0 + 2, { text: 'boot ok' });
  w.add('pools', T0 + 3, '{"type":"pool-status","pools":[]}');
  w.add('events', T0 + 4, { kind: 'marker', note: 'here', source: 'user', detail: 'Marker: here' });
  if (options.close ?? true) await w.close();
  else await w.flush();
  return w;
}
