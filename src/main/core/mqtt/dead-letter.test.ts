import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../../../test/support/temp-dirs';
import { DEAD_LETTER_MAX_BYTES, DEAD_LETTER_TEXT_MAX, DeadLetterFile } from './dead-letter';

const fresh = tempDirs('dead-letter-');

describe('DeadLetterFile', () => {
  it('keeps each message with its reason, long payloads cut, and the files bounded', () => {
    const dir = fresh();
    const f = new DeadLetterFile(dir);
    const payload = 'x'.repeat(200_000);
    for (let seq = 1; seq <= 200; seq++)
      f.append({ seq, kind: 'event', topic: 'a/b', payload, retain: false, qos: 1 }, 'too big', 0);
    const lines = readFileSync(f.file, 'utf8').trim().split('\n');
    const last = JSON.parse(lines.at(-1)!) as Record<string, unknown>;
    expect(last).toMatchObject({
      seq: 200,
      reason: 'too big',
      payloadBytes: 200_000,
      cut: true,
      topic: 'a/b',
    });
    expect(String(last.payload)).toHaveLength(DEAD_LETTER_TEXT_MAX);
    expect(statSync(f.file).size).toBeLessThanOrEqual(DEAD_LETTER_MAX_BYTES);
    expect(statSync(join(dir, 'dead-letter.1.ndjson')).size).toBeLessThanOrEqual(DEAD_LETTER_MAX_BYTES);
  });
});
