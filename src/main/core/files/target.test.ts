import { describe, expect, it } from 'vitest';
import { FilesService } from './files-service';
import { fixedFtpTarget, noFtpTarget, type FtpTargetProvider } from './target';

const events = { state: () => undefined, transfers: () => undefined, conflict: () => undefined };

describe('FTP targets', () => {
  it('reads an ftp:// URL with defaults for the firmware (any credentials)', () => {
    expect(fixedFtpTarget('ftp://127.0.0.1:2121').current()).toEqual({
      boardId: 'ftp:127.0.0.1:2121',
      host: '127.0.0.1',
      port: 2121,
      user: 'anonymous',
      password: 'bench@',
      httpBase: undefined,
    });
    expect(fixedFtpTarget('ftp://me:s%20cret@lab-web#http=http://lab-web:80').current()).toMatchObject({
      port: 21,
      user: 'me',
      password: 's cret',
      httpBase: 'http://lab-web:80',
    });
    expect(() => fixedFtpTarget('http://x')).toThrow(/not an FTP URL/);
  });

  it('reports capacity when the provider knows it, and says honestly when it does not', async () => {
    const known: FtpTargetProvider = {
      ...fixedFtpTarget('ftp://127.0.0.1:1'),
      capacity: async () => ({ used: 10, total: 100 }),
    };
    expect(await new FilesService({ provider: known, events }).capacity()).toEqual({
      kind: 'known',
      usedBytes: 10,
      totalBytes: 100,
    });
    expect(
      await new FilesService({ provider: fixedFtpTarget('ftp://127.0.0.1:1'), events }).capacity(),
    ).toEqual({ kind: 'unknown', reason: 'capacity unknown (this board does not report its eMMC space)' });
    const silent: FtpTargetProvider = {
      ...fixedFtpTarget('ftp://127.0.0.1:1'),
      capacity: async () =>
        Promise.reject(new Error('the board has not reported its eMMC space for a while')),
    };
    expect(await new FilesService({ provider: silent, events }).capacity()).toEqual({
      kind: 'unknown',
      reason: 'capacity unknown (the board has not reported its eMMC space for a while)',
    });
  });

  it('has no target and a clear error without a board', async () => {
    const s = new FilesService({ provider: noFtpTarget, events });
    expect(s.state()).toMatchObject({
      session: { kind: 'no-target' },
      words: 'No board with FTP is selected.',
    });
    await expect(s.list('/')).rejects.toThrow(/No board with FTP is selected/);
  });

  it('says so when the focus leaves every board', () => {
    let cb = () => undefined as void;
    let target = fixedFtpTarget('ftp://127.0.0.1:1').current();
    const states: string[] = [];
    const provider: FtpTargetProvider = {
      current: () => target,
      onChange: (f) => ((cb = f), () => undefined),
    };
    const s = new FilesService({ provider, events: { ...events, state: (st) => states.push(st.words) } });
    target = undefined;
    cb();
    expect(states.at(-1)).toBe('No board with FTP is selected.');
    s.close();
  });
});
