// A child process for the crash test: records at 100 Hz through the real Recorder, and after each record has been
// handed over, appends its sequence number to a side file with writeSync (what the test compares after kill -9).
import { openSync, writeSync } from 'node:fs';
import { Recorder } from '../../src/main/core/telemetry/recorder';

const [dir, ackFile] = process.argv.slice(2);
if (!dir || !ackFile) throw new Error('usage: record-child <dir> <ack-file>');
const recorder = new Recorder({ fsyncMs: 500 });
const { file } = recorder.start(dir, { id: 'crash-test' });
const ack = openSync(ackFile, 'a');
process.stdout.write(`${JSON.stringify({ file, pid: process.pid })}\n`);
let seq = 0;
setInterval(() => {
  const data = JSON.stringify({
    type: 'telemetry',
    data: { seq, junctionTemp: 40 + (seq % 10), pad: 'x'.repeat(seq % 200) },
  });
  recorder.write({ t: Date.now(), dir: 'rx', op: 1, data });
  writeSync(ack, `${seq}\n`);
  seq++;
}, 10);
