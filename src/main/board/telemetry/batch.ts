// The telemetry-batch extension on the board side (docs/telemetry-batch.md): N samples of one telemetry period in
// one frame, printed as a cJSON firmware prints its arrays.
import { FIRMWARE_MAX_BATCH } from '../../../shared/protocol/telemetry-batch';
import { cjsonNumber } from './cjson-number';
import type { TelemetryValues } from './generator';

/**
 * Most bytes a frame's JSON may take so the whole WebSocket frame fits one packet of the WS pool: 1024 bytes of
 * payload less the 76 that `nx_packet_allocate(…, NX_TCP_PACKET, …)` reserves for the Ethernet, IPv6 and TCP headers,
 * less the 4-byte frame header of a 126–65535-byte text message (docs/telemetry-batch.md, "How big N may be").
 */
export const BATCH_TEXT_BUDGET = 1024 - 76 - 4;

/**
 * Most samples in one frame: 17 samples of the worst case of every field (an 8-digit offset, a 3-character
 * temperature, the 20-character float32 0.019999999552965164, "1000", a 7-digit uptime) take 902 bytes, 18 take 949.
 */
export const MAX_TELEMETRY_BATCH = FIRMWARE_MAX_BATCH;

/** The µs offsets of N samples spread evenly over one telemetry period of `periodTicks` (1 tick = 1000 µs). */
export function batchOffsetsUs(n: number, periodTicks: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.round((i * periodTicks * 1000) / n));
}

/** The exact text cJSON_PrintUnformatted makes of a batch (key order: type, dt_us, data; columns as in telemetry). */
export function telemetryBatchText(dtUs: readonly number[], samples: readonly TelemetryValues[]): string {
  const col = (pick: (v: TelemetryValues) => number) => samples.map((v) => cjsonNumber(pick(v))).join(',');
  return (
    `{"type":"telemetry-batch","dt_us":[${dtUs.map(cjsonNumber).join(',')}],"data":{` +
    `"junctionTemp":[${col((v) => v.junctionTemp)}],"randomFloat":[${col((v) => v.randomFloat)}],` +
    `"randomInt":[${col((v) => v.randomInt)}],"uptime":[${col((v) => v.uptime)}]}}`
  );
}
