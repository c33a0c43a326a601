// Streaming reader of recordings: a file of any size is read line by line; a torn last line (the app was killed
// mid-write) and any other line that is not a record are skipped and counted.

import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { MessageRecord, RecordingHeader } from '../../../shared/recording/format';
import { parseHeader, parseRecord } from '../../../shared/recording/format';

/** What a read found besides the records. */
export interface ReadSummary {
  header: RecordingHeader | undefined;
  records: number;
  skipped: number;
}

/** Yields every well-formed record of a recording; fills `summary` as it goes. Throws if line 1 is no header. */
export async function* readRecording(
  path: string,
  summary: ReadSummary = { header: undefined, records: 0, skipped: 0 },
): AsyncGenerator<MessageRecord> {
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let first = true;
  try {
    for await (const line of rl) {
      if (first) {
        first = false;
        summary.header = parseHeader(line);
        if (!summary.header)
          throw new Error('not a NUCLEO-MEM Bench recording: the first line is not its header');
        continue;
      }
      if (line.trim() === '') continue;
      const record = parseRecord(line);
      if (!record) {
        summary.skipped++;
        continue;
      }
      summary.records++;
      yield record;
    }
  } finally {
    rl.close();
  }
  if (first) throw new Error('the recording is empty');
}
