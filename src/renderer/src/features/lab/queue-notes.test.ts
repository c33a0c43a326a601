import { describe, expect, it } from 'vitest';
import type { MqttStatus } from '../../../../shared/bridge/contracts/mqtt';
import { queueNotes } from './queue-notes';

const base: MqttStatus = {
  connection: { kind: 'connected', since: 0, url: 'mqtt://broker:1883' },
  published: 10,
  queued: 0,
  dropped: 0,
  bench: 'b',
};

describe('queueNotes', () => {
  it('says nothing when all is well', () => {
    expect(queueNotes(base)).toEqual([]);
  });

  it('names the count, the last reason and the file of set-aside messages, and a disk trouble', () => {
    expect(
      queueNotes({
        ...base,
        setAside: {
          count: 1200,
          last: 'event message to "a/#": its topic …',
          file: 'mqtt-queue/dead-letter.ndjson',
        },
        queueProblem: 'The MQTT queue cannot be written to /cfg/mqtt-queue: the disk is full (ENOSPC).',
      }),
    ).toEqual([
      '1,200 messages were set aside and will not be sent, so that the rest can flow. Last: event message to "a/#": its topic …. Kept in mqtt-queue/dead-letter.ndjson in the bench’s config folder.',
      'The MQTT queue cannot be written to /cfg/mqtt-queue: the disk is full (ENOSPC).',
    ]);
  });
});
