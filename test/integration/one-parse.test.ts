// Each board message is parsed once in the core: the telemetry pipeline parses it, and the dashboard's values, the
// LEDs, the pool feed (Memory page, eMMC space) and MQTT read that parse. Counted with the parser spied on, against
// the in-app virtual board (which sends telemetry, led-status and pool-status).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TelemetryLatest } from '../../src/shared/bridge/contracts/links';
import type { MessageRecord } from '../../src/shared/recording/format';
import { type Bench } from '../../src/main/core/bench';
import { tempDir } from '../support/processes';
import { until } from '../support/wait';
import { testBench } from '../support/bench';

const parses = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/shared/protocol/messages', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/shared/protocol/messages')>();
  return {
    ...actual,
    parseBoardMessage: (text: string) => {
      parses.count++;
      return actual.parseBoardMessage(text);
    },
  };
});

describe('one parse per board message', () => {
  let bench: Bench;
  const received: MessageRecord[] = [];
  const latest: TelemetryLatest[] = [];

  beforeAll(async () => {
    bench = await testBench(tempDir('one-parse-'));
    bench.telemetry.pipeline.tap((_id, r) => {
      if (r.dir === 'rx' && r.op === 1) received.push(r);
    });
    bench.hub.on('board:telemetry-latest', (l) => latest.push(l));
    await bench.virtualBoards.service('virtual').ensureStarted();
    const set = await bench.dispatch(
      'vboard:configure',
      { boardId: 'virtual', telemetryMs: 20 },
      { transport: 'browser' },
    );
    expect(set.ok).toBe(true);
  });
  afterAll(async () => {
    await bench?.close();
  });

  it('parses every received text message exactly once, and the dashboard shows what the pipeline took', async () => {
    await until(
      () => received.some((r) => r.data?.includes('"pool-status"')) && latest.length >= 2,
      'traffic',
    );
    // Synchronous here: every message the tap saw has been through ingest, and nothing is half-way.
    const kinds = new Set(received.map((r) => /"type":"([^"]+)"/.exec(r.data ?? '')?.[1]));
    expect(kinds).toEqual(new Set(['telemetry', 'pool-status', 'led-status']));
    expect(parses.count).toBe(received.length);
    // The dashboard's values are those of the telemetry message it counts as its latest, received at the time it
    // names. Found by its place in the stream: under load several messages arrive within one millisecond.
    const shown = latest.at(-1)!;
    const telemetry = received.filter((r) => r.data?.includes('"type":"telemetry"'));
    const source = telemetry[shown.count - 1]!;
    expect(shown.boardId).toBe('virtual');
    expect(shown.at).toBe(source.t);
    expect(shown.values).toEqual((JSON.parse(source.data!) as { data: Record<string, number> }).data);
  });
});
