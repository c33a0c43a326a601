import { describe, expect, it } from 'vitest';
import { explainNetxCode, recognizeFirmwareLine } from './firmware-events';

describe('recognizeFirmwareLine', () => {
  it('recognises the boot sequence', () => {
    expect(recognizeFirmwareLine('=== System Starting ===')).toMatchObject({ kind: 'system-start' });
    expect(recognizeFirmwareLine('DTS temperature sensor initialized')).toMatchObject({
      kind: 'temperature-sensor',
      severity: 'ok',
    });
    expect(recognizeFirmwareLine('DTS init failed')).toMatchObject({
      kind: 'temperature-sensor',
      severity: 'error',
    });
    expect(recognizeFirmwareLine('DTS start failed')).toMatchObject({
      kind: 'temperature-sensor',
      severity: 'error',
    });
    expect(recognizeFirmwareLine("mDNS: hostname 'lab-web.local' registered")).toMatchObject({
      kind: 'name-service',
      summary: 'mDNS: lab-web.local',
    });
    expect(recognizeFirmwareLine("LLMNR: hostname 'lab-web' registered")).toMatchObject({
      kind: 'name-service',
      summary: 'LLMNR: lab-web',
    });
    expect(recognizeFirmwareLine("LLMNR: responder started for 'lab-web'")).toMatchObject({
      kind: 'name-service',
      summary: 'LLMNR responder running',
    });
    expect(recognizeFirmwareLine('Telemetry thread started (demo mode)')).toMatchObject({
      kind: 'telemetry-started',
    });
  });

  it('shows one event per WebSocket connection and per server start, with the port the server says', () => {
    // d8a6's verbose output for one server start and one client (docs/firmware-protocol.md §9).
    const lines = [
      'WebSocket server listening on port 46243',
      'WebSocket accept thread started',
      'WS: Client connecting...',
      'WS: Received 229 bytes',
      'WS: Handshake response sent',
      'WS: Handshake successful!',
      'WS: Client connected (slot 0)',
    ];
    const events = lines.map((l) => recognizeFirmwareLine(l)).filter((e) => e !== undefined);
    expect(events.map((e) => e.kind)).toEqual(['ws-server', 'ws-client']);
    expect(events[0]!.detail).toContain('port 46243');
    expect(events[0]!.detail).not.toContain('8080');
  });

  it('parses the PSRAM and eMMC speed-test numbers', () => {
    expect(recognizeFirmwareLine('Cached Write:          0.21 ms   312.5 MB/s')).toMatchObject({
      kind: 'psram-speed',
      values: { ms: 0.21, mbPerSec: 312.5 },
      summary: 'PSRAM cached write: 312.5 MB/s',
    });
    expect(recognizeFirmwareLine('Non-cached memcpy:     1.50 ms    43.7 MB/s')).toMatchObject({
      kind: 'psram-speed',
      values: { mbPerSec: 43.7 },
    });
    expect(recognizeFirmwareLine('Sequential Read:      52.10 ms    2.46 MB/s')).toMatchObject({
      kind: 'emmc-speed',
      values: { ms: 52.1, mbPerSec: 2.46 },
    });
    expect(recognizeFirmwareLine('Verify: PASS (0 errors in last chunk)')).toMatchObject({
      kind: 'emmc-verify',
      severity: 'ok',
    });
    expect(recognizeFirmwareLine('eMMC Write FAILED at iteration 3: 0x90')).toMatchObject({
      kind: 'emmc-error',
      values: { code: 0x90 },
    });
  });

  it('explains WS error codes in words', () => {
    const e = recognizeFirmwareLine('WS: Handshake failed: 0x1');
    expect(e).toMatchObject({ kind: 'ws-error', severity: 'warn', values: { code: 1 } });
    expect(e!.detail).toContain('NX_NO_PACKET');
    expect(e!.detail).toContain('timed out');
    expect(recognizeFirmwareLine('WS: Accept error: 0x38')!.detail).toContain('NX_NOT_CONNECTED');
    expect(recognizeFirmwareLine('WS: Relisten failed: 0x36')!.summary).toContain('NX_NOT_LISTEN_STATE');
    expect(recognizeFirmwareLine('WS: Accept error: 0x43')!.detail).toContain('validation');
    expect(recognizeFirmwareLine('WS: Accept error: 0x35')!.detail).toContain('NX_NOT_CLOSED');
    expect(recognizeFirmwareLine('WS: Accept error: 0x48')!.detail).toContain('NX_CONNECTION_PENDING');
    expect(explainNetxCode(0x99)).toContain('does not know');
  });

  it('recognises LED lines and JSON command errors', () => {
    expect(recognizeFirmwareLine('WS: Yellow LED ON')).toMatchObject({
      kind: 'led',
      summary: 'Yellow LED ON',
    });
    expect(recognizeFirmwareLine('WS: Red LED OFF')).toMatchObject({ kind: 'led' });
    expect(recognizeFirmwareLine('WS: Failed to parse JSON command')).toMatchObject({
      kind: 'command-error',
    });
    expect(recognizeFirmwareLine('WS: Invalid led-command format')).toMatchObject({ kind: 'command-error' });
    expect(recognizeFirmwareLine('WS: Unknown LED: green')).toMatchObject({
      kind: 'command-error',
      summary: 'Unknown LED: green',
    });
    expect(recognizeFirmwareLine('WS: Unknown command type: reboot')).toMatchObject({
      kind: 'command-error',
    });
  });

  it('ignores ordinary lines', () => {
    for (const l of [
      '',
      'CPU Clock: 550 MHz',
      'Test size: 64 KB',
      '===========================',
      'WS received: {"type":"x"}',
    ]) {
      expect(recognizeFirmwareLine(l)).toBeUndefined();
    }
  });
});
