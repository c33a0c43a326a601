import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from './args';
import { until } from '../../../test/support/wait';
import { boardOptionsFromArgs, replayFlag } from './board';

describe('board CLI flags', () => {
  it('defaults to the firmware and 127.0.0.1', () => {
    expect(boardOptionsFromArgs([])).toMatchObject({
      host: '127.0.0.1',
      wsPort: 8080,
      profile: 'firmware',
      telemetryMs: 1000,
      tickScale: 1,
      serial: 'quiet',
    });
  });

  it('reads every flag', () => {
    const o = boardOptionsFromArgs([
      '--host',
      '0.0.0.0',
      '--ws-port',
      '0',
      '--http-port',
      '8000',
      '--ftp-port',
      '2121',
      '--emmc',
      '/tmp',
      '--profile',
      'compliant',
      '--telemetry-ms',
      '1',
      '--tick-scale',
      '1.1458',
      '--serial',
      'verbose',
    ]);
    expect(o).toMatchObject({
      host: '0.0.0.0',
      wsPort: 0,
      http: { port: 8000 },
      ftp: { port: 2121 },
      emmcDir: '/tmp',
      profile: 'compliant',
      telemetryMs: 1,
      tickScale: 1.1458,
      serial: 'verbose',
    });
  });

  it('sends the single telemetry form unless --telemetry-batch N is given', () => {
    expect(boardOptionsFromArgs([]).telemetryBatch).toBeUndefined();
    expect(boardOptionsFromArgs(['--telemetry-batch', '10']).telemetryBatch).toBe(10);
  });

  it('closes FTP connections not logged in only when --ftp-login-timeout S is given', () => {
    expect(boardOptionsFromArgs([]).ftp).toEqual({ port: 2121, extended: false });
    expect(boardOptionsFromArgs(['--ftp-login-timeout', '30']).ftp).toMatchObject({ loginTimeoutMs: 30_000 });
    for (const bad of ['0', '241', 'soon'])
      expect(() => boardOptionsFromArgs(['--ftp-login-timeout', bad])).toThrow(
        `--ftp-login-timeout must be a number from 1 to 240, not "${bad}"`,
      );
  });

  it('checks a replay recording before the board starts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'replay-'));
    const file = join(dir, 'rec.ndjson');
    const t = '{"type":"telemetry","data":{"junctionTemp":40,"randomFloat":0,"randomInt":0,"uptime":1}}';
    writeFileSync(
      file,
      `${JSON.stringify({ format: 'nucleo-bench-recording', version: 1, started: 0, board: {} })}\n${JSON.stringify({ t: 5, dir: 'rx', op: 1, data: t })}\n`,
    );
    expect(boardOptionsFromArgs(['--replay', file]).replay).toBe(file);
    const source = await replayFlag(file);
    source.rewind();
    await until(() => source.peek(), 'the first replayed message');
    expect(source.peek()).toEqual({ text: t, gapMs: 1000, samples: 1 });
    source.close();
    const empty = join(dir, 'empty.ndjson');
    writeFileSync(
      empty,
      `${JSON.stringify({ format: 'nucleo-bench-recording', version: 1, started: 0, board: {} })}\n`,
    );
    await expect(replayFlag(empty)).rejects.toThrow(/no received telemetry/);
    await expect(replayFlag('/etc/hostname')).rejects.toThrow(/--replay: not a NUCLEO-MEM Bench recording/);
    expect(() => boardOptionsFromArgs(['--replay', file, '--telemetry-batch', '4'])).toThrow(
      /--telemetry-batch cannot be used with --replay/,
    );
  });

  it.each([
    [['--bogus'], /Unknown option/],
    [['--ws-port', '70000'], /--ws-port must be a port/],
    [['--ws-port'], /argument missing/],
    [['--profile', 'strict'], /--profile must be one of firmware, compliant/],
    [['--telemetry-ms', '0'], /--telemetry-ms must be a number from 1/],
    [['--tick-scale', 'fast'], /--tick-scale/],
    [['--host', 'not a host'], /--host must be an IP address/],
    [['--replay', '/nonexistent/rec.ndjson'], /no such recording/],
    [['--http-port', '-1'], /--http-port/],
    [['--ftp-port', '1.5'], /--ftp-port must be a port/],
    [['--emmc', '/etc/hostname'], /--emmc must be a directory/],
    [['--serial', 'loud'], /--serial must be one of quiet, verbose/],
    [['--uart', '/nonexistent/tty'], /--uart: no such serial device/],
    [['--telemetry-batch', '0'], /--telemetry-batch must be a whole number of samples from 1 to 17, not "0"/],
    [['--telemetry-batch', '18'], /--telemetry-batch must be a whole number of samples from 1 to 17/],
    [['--telemetry-batch', '2.5'], /--telemetry-batch must be a whole number/],
    [['--telemetry-batch', 'ten'], /--telemetry-batch must be a whole number/],
  ])('rejects %j', (args, message) => {
    expect(() => boardOptionsFromArgs(args)).toThrow(UsageError);
    expect(() => boardOptionsFromArgs(args)).toThrow(message);
  });
});
