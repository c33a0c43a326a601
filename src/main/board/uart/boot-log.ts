import type { RandomSource } from '../clock';
import { NX_HOSTNAME } from '../net/name-responder';

const f = (x: number, w: number, d: number) => x.toFixed(d).padStart(w);

/** The fb36 (or d8a6) boot output of docs/firmware-protocol.md §9 up to the self-tests, with plausible perf-test
 *  numbers jittered by the random source. The lines after the servers start are `serverLines`. */
export function bootLines(random: RandomSource): string[] {
  const j = (x: number) => x * (1 + ((random() % 1000) / 1000 - 0.5) * 0.06);
  const kb64 = 64 / 1024;
  const psram = (label: string, ms: number) => {
    const t = j(ms);
    return `${label}${f(t, 8, 2)} ms  ${f(kb64 / (t / 1000), 6, 1)} MB/s`;
  };
  const w = j(21.4);
  const r = j(9.6);
  const kb128 = 128 / 1024;
  const lines = [
    '=== System Starting ===',
    'DTS temperature sensor initialized',
    '\n===== PSRAM Speed Test =====',
    'CPU Clock: 550 MHz',
    'Test size: 64 KB',
    '',
    psram('Cached Write:      ', 0.32),
    psram('Cached Read:       ', 0.22),
    psram('Non-cached Write:  ', 1.05),
    psram('Non-cached Read:   ', 1.88),
    psram('Cached memcpy:     ', 0.47),
    psram('Non-cached memcpy: ', 2.93),
    '===========================',
    '',
    '\n===== eMMC Speed Test (FileX) =====',
    'CPU Clock: 550 MHz',
    'Test size: 128 KB, chunk: 4096 bytes',
    'Clock divider: 2 (target ~100 MHz)',
    '',
    `Sequential Write:  ${f(w, 8, 2)} ms  ${f(kb128 / (w / 1000), 6, 2)} MB/s`,
    `Sequential Read:   ${f(r, 8, 2)} ms  ${f(kb128 / (r / 1000), 6, 2)} MB/s`,
    'Verify: PASS (0 errors in last chunk)',
    '===================================',
  ];
  return lines;
}

/** The boot lines once the servers listen: `wsPort` is the port the WebSocket server bound (not the one asked for,
 *  which is 0 when the OS picks). */
export function serverLines(verbose: boolean, wsPort: number): string[] {
  const lines = verbose
    ? [`WebSocket server listening on port ${wsPort}`, 'WebSocket accept thread started']
    : [
        `mDNS: hostname '${NX_HOSTNAME}.local' registered`,
        `LLMNR: hostname '${NX_HOSTNAME}' registered`,
        `LLMNR: responder started for '${NX_HOSTNAME}'`,
      ];
  lines.push('Telemetry thread started (demo mode)');
  return lines;
}
