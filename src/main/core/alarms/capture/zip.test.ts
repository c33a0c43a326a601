import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { zipEntries } from './zip';

const dir = mkdtempSync(join(tmpdir(), 'zip-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Python's zipfile, an independent reader: checks every CRC and returns each entry's name and contents. */
function pythonUnzip(file: string): Record<string, string> {
  const script = [
    'import sys, zipfile, json, base64',
    'z = zipfile.ZipFile(sys.argv[1])',
    'bad = z.testzip()',
    'assert bad is None, bad',
    'print(json.dumps({i.filename: base64.b64encode(z.read(i)).decode() for i in z.infolist()}))',
  ].join('\n');
  const out = execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' });
  const parsed = JSON.parse(out) as Record<string, string>;
  return Object.fromEntries(
    Object.entries(parsed).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('latin1')]),
  );
}

describe('zip writer', () => {
  it('writes an archive that Python and unzip read back, deflated and stored entries alike', () => {
    const big = 'time,value\r\n'.repeat(5000);
    const random = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7919) % 256));
    const file = join(dir, 'a.zip');
    writeFileSync(
      file,
      zipEntries([
        { name: 'telemetry.csv', data: Buffer.from(big) },
        { name: 'frames.pcapng', data: random },
        { name: 'empty.txt', data: new Uint8Array(0) },
        { name: 'naïve °C.txt', data: Buffer.from('x') },
      ]),
    );
    const read = pythonUnzip(file);
    expect(Object.keys(read)).toEqual(['telemetry.csv', 'frames.pcapng', 'empty.txt', 'naïve °C.txt']);
    expect(read['telemetry.csv']).toBe(big);
    expect(Buffer.from(read['frames.pcapng']!, 'latin1').equals(random)).toBe(true);
    expect(read['empty.txt']).toBe('');
    const t = execFileSync('unzip', ['-t', file], { encoding: 'utf8' });
    expect(t).toMatch(/No errors detected/);
  });
});
