// Reads a NUCLEO-MEM Bench session file with @mcap/core alone, as docs/sessions.md describes, and prints one JSON
// line: whose run it is, and per channel its topic, schema and message count, with the first and last telemetry.
//
//   node examples/read-session.mjs <config folder>/sessions/virtual/2026-12-07T18-30-00-123Z.mcap
//
// A finished file is read through its index. A file whose bench was killed has no summary: it is read record by
// record, and a torn last chunk is left out.
import { open } from 'node:fs/promises';
import * as zlib from 'node:zlib';
import { McapIndexedReader, McapStreamReader } from '@mcap/core';

// Chunks are zstd-compressed where the bench's Node has zstd (else uncompressed: compression "").
const decompressHandlers = { zstd: (data) => zlib.zstdDecompressSync(data) };
const text = new TextDecoder();

async function readIndexed(handle) {
  const readable = {
    size: async () => BigInt((await handle.stat()).size),
    read: async (offset, length) => {
      const buffer = new Uint8Array(Number(length));
      await handle.read(buffer, 0, buffer.byteLength, Number(offset));
      return buffer;
    },
  };
  const reader = await McapIndexedReader.Initialize({ readable, decompressHandlers });
  const board = {};
  for await (const record of reader.readMetadata({ name: 'nucleo-bench-session' })) {
    Object.assign(board, Object.fromEntries(record.metadata));
  }
  const channels = [...reader.channelsById.values()].map((c) => ({
    topic: c.topic,
    schema: reader.schemasById.get(c.schemaId)?.name,
    messageEncoding: c.messageEncoding,
    count: Number(reader.statistics?.channelMessageCounts.get(c.id) ?? 0n),
  }));
  const telemetry = [];
  for await (const m of reader.readMessages({ topics: ['/board/telemetry'] })) telemetry.push(m);
  return { indexed: true, board, channels, telemetry };
}

async function readRecords(handle) {
  const reader = new McapStreamReader({ decompressHandlers });
  const board = {};
  const channels = new Map();
  const schemas = new Map();
  const telemetry = [];
  const { size } = await handle.stat();
  const block = new Uint8Array(1 << 20);
  try {
    for (let offset = 0; offset < size; offset += block.byteLength) {
      const { bytesRead } = await handle.read(block, 0, block.byteLength, offset);
      reader.append(block.subarray(0, bytesRead));
      for (let r; (r = reader.nextRecord());) {
        if (r.type === 'Metadata' && r.name === 'nucleo-bench-session')
          Object.assign(board, Object.fromEntries(r.metadata));
        if (r.type === 'Schema') schemas.set(r.id, r.name);
        if (r.type === 'Channel')
          channels.set(r.id, {
            topic: r.topic,
            schema: schemas.get(r.schemaId),
            messageEncoding: r.messageEncoding,
            count: 0,
          });
        if (r.type === 'Message') {
          const channel = channels.get(r.channelId);
          channel.count++;
          if (channel.topic === '/board/telemetry') telemetry.push({ ...r, data: r.data.slice() });
        }
      }
    }
  } catch {
    // A garbled tail (the last write of a killed bench): everything before it has been read.
  }
  return { indexed: false, board, channels: [...channels.values()], telemetry };
}

const path = process.argv[2];
if (!path) throw new Error('usage: node examples/read-session.mjs <session.mcap>');
const handle = await open(path, 'r');
let session;
try {
  session = await readIndexed(handle);
} catch {
  session = await readRecords(handle);
}
await handle.close();
const row = (m) =>
  m && {
    logTimeNs: String(m.logTime),
    publishTimeNs: String(m.publishTime),
    message: JSON.parse(text.decode(m.data)),
  };
console.log(
  JSON.stringify({
    indexed: session.indexed,
    board: session.board,
    channels: session.channels.sort((a, b) => a.topic.localeCompare(b.topic)),
    firstTelemetry: row(session.telemetry[0]),
    lastTelemetry: row(session.telemetry.at(-1)),
  }),
);
