// The telemetry benchmark's sources (bench-telemetry.ts): what feeds the pipeline during a run, either the in-app
// virtual board over its real WebSocket link or a synthetic timer in this process.

import type { MessageRecord } from '../../shared/recording/format';
import type { Bench } from '../core/bench';

/** Something that sends board messages into a sink at a rate until stopped. */
export interface TelemetrySource {
  readonly name: string;
  start(sink: (record: MessageRecord) => void): void;
  stop(): void;
  /** Samples sent so far. */
  readonly sent: number;
  /** Messages sent so far, when they carry several samples each (telemetry-batch); else `sent`. */
  readonly messages?: number;
  /** Messages the board itself dropped (its WS packet pool was full: a slow reader), when it can tell. */
  readonly boardDropped?: number;
}

/** Firmware-like telemetry (4 numeric fields) at `rateHz`, timestamped at send time, from a timer in this process. */
export function syntheticSource(rateHz: number): TelemetrySource {
  let timer: ReturnType<typeof setInterval> | undefined;
  let sent = 0;
  let startedAt = 0;
  let temp = 42;
  return {
    name: 'synthetic',
    get sent() {
      return sent;
    },
    start(sink) {
      startedAt = Date.now();
      sent = 0; // counted per run, so the source can be started again (a second renderer in the same run)
      timer = setInterval(() => {
        const now = Date.now();
        const due = Math.floor(((now - startedAt) * rateHz) / 1000);
        for (; sent < due; sent++) {
          temp += (Math.random() - 0.5) * 0.2;
          const data = {
            junctionTemp: Math.round(temp * 10) / 10,
            randomFloat: Math.random() * 100,
            randomInt: Math.floor(Math.random() * 1001),
            uptime: Math.floor((now - startedAt) / 1000),
          };
          sink({ t: now, dir: 'rx', op: 1, data: JSON.stringify({ type: 'telemetry', data }) });
        }
      }, 4);
    },
    stop() {
      clearInterval(timer);
    },
  };
}

/**
 * The in-app virtual board, selected as the app's board at start, sending telemetry at `rateHz` samples a second
 * over its real WebSocket to the app's real link: the path a user's data takes. With `batch`, each message is a
 * telemetry-batch frame of that many samples (docs/telemetry-batch.md), so the board sends rateHz / batch messages
 * a second (at most one per 1 ms tick). The sink is unused: the link manager feeds the pipeline itself.
 */
export function virtualBoardSource(bench: Bench, rateHz: number, batch?: number): TelemetrySource {
  let base = { samples: 0, messages: 0, poolFailures: 0 };
  // The board the app shows: in the benchmark's fresh config dir, the virtual board a new configuration starts with.
  const running = () => {
    const id = bench.frames.focused();
    return id === undefined ? undefined : bench.virtualBoards.get(id)?.running;
  };
  const now = () => {
    const s = running()?.control.state();
    return {
      samples: s?.telemetrySamples ?? 0,
      messages: s?.telemetryCount ?? 0,
      poolFailures: s?.pool.failures ?? 0,
    };
  };
  return {
    name: 'virtual-board',
    get sent() {
      return now().samples - base.samples;
    },
    get messages() {
      return now().messages - base.messages;
    },
    get boardDropped() {
      return now().poolFailures - base.poolFailures;
    },
    start() {
      const control = running()?.control;
      if (!control) throw new Error('the virtual board is not running');
      control.setTelemetryBatch(batch);
      base = now();
      control.setTelemetryPeriod(Math.max(1, Math.round((1000 * (batch ?? 1)) / rateHz)));
    },
    stop() {
      const control = running()?.control;
      control?.setTelemetryPeriod(1000);
      control?.setTelemetryBatch(undefined);
    },
  };
}
