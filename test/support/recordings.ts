// Recording files for the tests of what the bench refuses (docs/architecture.md §12.1): a line longer than the limit
// written a megabyte at a time (never held whole), a FIFO in place of a file, and small good recordings.
import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync, writeFileSync, writeSync } from 'node:fs';

/** A recording header line (version 1 unless told). */
export function headerLine(version: unknown = 1): string {
  return JSON.stringify({ format: 'nucleo-bench-recording', version, started: 0, board: { id: 'v' } });
}

/** A received telemetry record line at `t`. */
export function telemetryLine(t: number, uptime = t): string {
  const data = JSON.stringify({
    type: 'telemetry',
    data: { junctionTemp: 40, randomFloat: 0.5, randomInt: 7, uptime },
  });
  return JSON.stringify({ t, dir: 'rx', op: 1, data });
}

/** Writes a good recording of `n` telemetry records 1000 ms apart (`prefix` goes before the header: a BOM, say). */
export function writeRecording(path: string, n = 3, prefix = '', version: unknown = 1): void {
  const lines = [headerLine(version)];
  for (let i = 0; i < n; i++) lines.push(telemetryLine(1000 * (i + 1), i + 1));
  writeFileSync(path, `${prefix}${lines.join('\n')}\n`);
}

/** Writes a recording whose line 2 is a record of `bytes` bytes, a megabyte at a time; a good record follows it. */
export function writeLongLineRecording(path: string, bytes: number): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, `${headerLine()}\n{"t":1,"dir":"rx","op":1,"data":"`);
    const mb = Buffer.alloc(1024 * 1024, 'x');
    for (let left = bytes; left > 0; left -= mb.length) writeSync(fd, mb, 0, Math.min(left, mb.length));
    writeSync(fd, `"}\n${telemetryLine(2)}\n`);
  } finally {
    closeSync(fd);
  }
}

/** Makes a FIFO at `path` (the system's mkfifo). */
export function makeFifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

/**
 * Opens the FIFO at `path` for writing and closes it at once, so that a reader blocked on it (old code that opened
 * it) sees its end and lets its thread go; harmless when nothing reads it.
 */
export function releaseFifo(path: string): void {
  try {
    closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
  } catch {
    /* no reader has it open: nothing to release */
  }
}
