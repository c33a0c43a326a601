import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../../../test/support/temp-dirs';
import { Recorder } from '../telemetry/recorder';
import { recordingToSessionFile } from './import-recording';
import { openSessionFile } from './session-file-reader';

const dirs = tempDirs('import-recording-');
const T = 1_765_000_000_000;

describe('an NDJSON recording opened as a session', () => {
  it('has the same channels and events a live run would have, from the same messages', async () => {
    const dir = dirs();
    const recorder = new Recorder();
    const { file } = recorder.start(dir, { id: 'bench-b', name: 'Bench B', kind: 'real', host: '10.0.0.7' });
    const rx = (t: number, data: string) => recorder.write({ t, dir: 'rx', op: 1, data });
    rx(T, '{"type":"led-status","data":{"yellowLed":false,"redLed":false}}');
    rx(T + 1, '{"type":"telemetry","data":{"junctionTemp":41,"uptime":7}}');
    recorder.write({ t: T + 2, dir: 'tx', op: 1, data: '{"type":"led-command","led":"red","state":true}' });
    rx(T + 3, '{"type":"pool-status","pools":[]}');
    rx(T + 4, '{"type":"telemetry","data":{"junctionTemp":42,"uptime":1}}');
    recorder.write({ t: T + 5, dir: 'rx', op: 9, b64: 'aGk=' });
    recorder.stop();
    appendFileSync(file!, '{"t":'); // a torn last line, as a killed recorder leaves

    const target = join(dir, 'imported.mcap');
    const result = await recordingToSessionFile(file!, target, '1.2.3');
    expect(result).toEqual({ messages: 12, skipped: 1 });

    const s = await openSessionFile(target);
    expect(s.info).toMatchObject({
      boardId: 'bench-b',
      boardName: 'Bench B',
      boardKind: 'real',
      benchVersion: '1.2.3',
    });
    expect(Object.fromEntries(s.counts())).toEqual({
      '/ws/frames': 6,
      '/bench/events': 3,
      '/board/telemetry': 2,
      '/board/pool-status': 1,
    });
    const events = [];
    for await (const m of s.messages({ channels: ['events'] }))
      events.push(JSON.parse(new TextDecoder().decode(m.data)));
    expect(events.map((e: { kind: string }) => e.kind)).toEqual(['led-status', 'led-command', 'reboot']);
    const frames = [];
    for await (const m of s.messages({ channels: ['frames'] }))
      frames.push(JSON.parse(new TextDecoder().decode(m.data)));
    expect(frames.at(-1)).toEqual({
      link: 1,
      dir: 'rx',
      opcode: 9,
      fin: true,
      masked: false,
      length: 2,
      payload: 'aGk=',
    });
    expect(frames[2]).toMatchObject({ dir: 'tx', masked: true });
    await s.close();
  });

  it('says plainly when the file is not a recording', async () => {
    const dir = dirs();
    const source = join(dir, 'notes.ndjson');
    writeFileSync(source, '{"hello":1}\n');
    await expect(recordingToSessionFile(source, join(dir, 'x.mcap'), '1')).rejects.toThrow(
      /is not a NUCLEO-MEM Bench recording: its first line is not its header/,
    );
  });
});
