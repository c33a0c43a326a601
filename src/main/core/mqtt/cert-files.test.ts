import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { displayName, pemProblem, readSmallFile } from './cert-files';

const dir = mkdtempSync(join(tmpdir(), 'cert-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readSmallFile', () => {
  it('reads a small regular file', async () => {
    writeFileSync(join(dir, 'a.pem'), 'x');
    expect((await readSmallFile(join(dir, 'a.pem'), 'CA file')).toString()).toBe('x');
  });

  it('refuses a FIFO and a device before reading a byte (a FIFO with no writer does not hold it)', async () => {
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    await expect(readSmallFile(join(dir, 'fifo'), 'CA file')).rejects.toThrow(
      'The CA file is not a regular file.',
    );
    await expect(readSmallFile('/dev/zero', 'CA file')).rejects.toThrow('The CA file is not a regular file.');
  });

  it('refuses a file over the limit, even one whose size the system reports as 0', async () => {
    writeFileSync(join(dir, 'big.pem'), Buffer.alloc(2048));
    await expect(readSmallFile(join(dir, 'big.pem'), 'CA file', 1024)).rejects.toThrow(
      'The CA file is 2 kB; the limit is 1 kB.',
    );
    // /proc files say 0 bytes in stat; the read stops one byte past the limit.
    await expect(readSmallFile('/proc/self/maps', 'CA file', 16)).rejects.toThrow(
      'The CA file is over the limit of 1 kB.',
    );
  });

  it('says the same for a missing file and for one it may not open', async () => {
    await expect(readSmallFile(join(dir, 'missing'), 'CA file')).rejects.toThrow(
      'The CA file cannot be read.',
    );
    await expect(readSmallFile(join(dir, 'missing', 'x'), 'CA file')).rejects.toThrow(
      'The CA file cannot be read.',
    );
  });
});

describe('pemProblem and displayName', () => {
  it('takes PEM text and refuses anything else in words', () => {
    expect(pemProblem(Buffer.from('-----BEGIN CERTIFICATE-----\nAA\n'), 'CA file')).toBeUndefined();
    expect(pemProblem(Buffer.from(''), 'CA file')).toBe('The CA file is empty.');
    expect(pemProblem(Buffer.from('hello'), 'CA file')).toMatch(/not a PEM file/);
  });

  it('shows a name, never a path or a control character', () => {
    expect(displayName('/etc/ssl/lab-ca.pem')).toBe('lab-ca.pem');
    expect(displayName('C:\\certs\\lab.pem')).toBe('lab.pem');
    expect(displayName('a\nb.pem')).toBe('ab.pem');
  });
});
