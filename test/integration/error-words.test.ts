// Errors the bench answers in words, not in Node's or a library's (issue 22, point 12): a relative serial log path
// is echoed as given, and file-system failures say what the bench tried on which file and why.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bench } from '../../src/main/core/bench';
import type { Result } from '../../src/shared/result';
import { testBench } from '../support/bench';
import { tempDir } from '../support/processes';

let dir: string;
let bench: Bench | undefined;
beforeEach(() => {
  dir = tempDir('error-words-');
});
afterEach(async () => {
  await bench?.close();
  bench = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const call = (name: string, request: unknown) =>
  bench!.dispatch(name, request, { transport: 'browser' }) as Promise<Result<unknown>>;

describe('error words', () => {
  it('says a serial log path must be absolute and echoes the one given', async () => {
    bench = await testBench(dir, { connectOnStart: false });
    const r = await call('serial:log-to-file', { action: 'start', path: 'x.log', boardId: 'virtual' });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: `The serial log path must be absolute, from the root of the disk (such as ${join(dir, 'serial-logs', 'serial.log')}), not "x.log".`,
      },
    });
  });

  it('says which file could not be written and why when the settings cannot be saved', async () => {
    // settings.json is a folder (a mistake by hand, a sync tool): the bench starts on the defaults, and a change
    // of a setting says why it could not be kept.
    mkdirSync(join(dir, 'settings.json'));
    bench = await testBench(dir, { connectOnStart: false });
    const r = await call('settings:set', { page: 'telemetry' });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: `settings:set failed: could not replace ${join(dir, 'settings.json')}: it is a folder, where a file was expected.`,
      },
    });
    expect(await call('app:info', {})).toMatchObject({ ok: true });
  });

  it('says why a serial log file could not be opened, without the error code', async () => {
    bench = await testBench(dir, { connectOnStart: false });
    const path = join(dir, 'serial-logs', `${'n'.repeat(300)}.log`);
    mkdirSync(join(dir, 'serial-logs'), { recursive: true });
    const r = await call('serial:log-to-file', { action: 'start', path, boardId: 'virtual' });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'IO_ERROR',
        message: `The serial log cannot start: could not open ${path}: the name is too long for the file system.`,
      },
    });
  });

  it('says why the virtual board could not start when its eMMC folder is a file', async () => {
    bench = await testBench(dir, { connectOnStart: false });
    writeFileSync(join(dir, 'emmc'), 'not a folder');
    const r = await call('vboard:start', { boardId: 'virtual' });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'IO_ERROR',
        message: `The virtual board could not start: could not create the folder ${join(dir, 'emmc')}: something of that name is already there.`,
      },
    });
  });
});
