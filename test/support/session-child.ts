// A child process for the session crash test: writes telemetry at 1 kHz through the real SessionFileWriter (default
// chunking, compression and sync), and after each tick appends the last sequence number and its time, handed over,
// to a side file with writeSync (what the test compares with the session file after kill -9).
import { openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { SessionFileWriter } from '../../src/main/core/flight/session-file-writer';
import { sessionFileName } from '../../src/shared/session-file/channels';
import { uptimeNs } from '../../src/shared/session-file/messages';

const [dir, ackFile] = process.argv.slice(2);
if (!dir || !ackFile) throw new Error('usage: session-child <dir> <ack-file>');
const started = Date.now();
const path = join(dir, sessionFileName(started));
const writer = await SessionFileWriter.create(path, {
  boardId: 'crash-test',
  boardName: 'Crash test',
  boardKind: 'virtual',
  benchVersion: 'test',
  started,
});
const ack = openSync(ackFile, 'a');
process.stdout.write(`${JSON.stringify({ file: path, pid: process.pid })}\n`);
let seq = 0;
// 1 kHz by the clock: each tick writes the samples due since the last one, as a board's stream would have brought.
setInterval(() => {
  const now = Date.now();
  const due = now - started;
  if (seq >= due) return;
  for (; seq < due; seq++) {
    const text = JSON.stringify({
      type: 'telemetry',
      data: { seq, junctionTemp: 40 + (seq % 10), uptime: seq / 1000, pad: 'x'.repeat(seq % 100) },
    });
    writer.add('telemetry', now, text, uptimeNs(JSON.parse(text)));
  }
  writeSync(ack, `${seq - 1} ${now}\n`);
}, 1);
