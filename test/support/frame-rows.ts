import type { FrameRow } from '../../src/shared/frames/types';

/**
 * One row of a board's frame log as the capture gives it: a complete, unmasked text frame received on link 1,
 * numbered `seq` (its time and chunk too). Tests change only the fields they are about.
 */
export function frameRow(seq: number, over: Partial<FrameRow> = {}): FrameRow {
  return {
    seq,
    t: seq,
    link: 1,
    dir: 'rx',
    kind: 'frame',
    chunk: seq,
    fin: true,
    rsv: 0,
    opcode: 1,
    opName: 'text',
    masked: false,
    maskKey: undefined,
    length: 1,
    header: '81 01',
    preview: `telemetry ${seq}`,
    msgType: 'telemetry',
    truncated: false,
    notes: [],
    ...over,
  };
}
