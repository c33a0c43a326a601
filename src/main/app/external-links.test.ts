import { describe, expect, it, vi } from 'vitest';
import type { BoardProfile, ProfilesView } from '../../shared/bridge/contracts/links';
import { ok } from '../../shared/result';
import { boardHttpOrigins, createExternalOpener, httpOrigin } from './external-links';

vi.mock('electron', () => ({}));

const real = (host: string, httpPort: number): BoardProfile => ({
  kind: 'real',
  id: 'lab',
  name: 'Lab board',
  host,
  wsPort: 8080,
  httpPort,
  ftpPort: 21,
  ftpUser: 'anonymous',
  ftpPassword: 'anonymous',
  serialPath: '',
});
const virtual: BoardProfile = { kind: 'virtual', id: 'virtual', name: 'Virtual board', host: '127.0.0.1' };

function fakeBench(selectedId: string, profiles: BoardProfile[], virtualHttp?: string) {
  const view: ProfilesView = { profiles, selectedId };
  return {
    dispatch: vi.fn(async () => ok(view)),
    virtualBoards: {
      all: () => [{ running: virtualHttp ? { endpoints: { http: virtualHttp } } : undefined }],
    },
  } as never;
}

function opener(origins: string[]) {
  const opened: string[] = [];
  const logs: string[] = [];
  const open = createExternalOpener({
    allowedOrigins: async () => origins,
    open: async (url) => void opened.push(url),
    log: (m) => logs.push(m),
  });
  return { open, opened, logs };
}

describe('links handed to the system browser', () => {
  it("opens a page on the selected board's own web server", async () => {
    const o = opener(['http://192.168.0.50']);
    expect(await o.open('http://192.168.0.50/index.html?ws=8080')).toBe(true);
    expect(o.opened).toEqual(['http://192.168.0.50/index.html?ws=8080']);
  });

  it('refuses every other origin: another host, port or scheme, and non-http links', async () => {
    const o = opener(['http://192.168.0.50']);
    for (const url of [
      'https://attacker.example/',
      'http://192.168.0.51/',
      'http://192.168.0.50:8080/',
      'https://192.168.0.50/',
      'http://192.168.0.50.attacker.example/',
      'file:///etc/passwd',
      'smb://192.168.0.50/share',
      'not a url',
    ]) {
      expect(await o.open(url), url).toBe(false);
    }
    expect(o.opened).toEqual([]);
    expect(o.logs).toHaveLength(8);
    expect(o.logs[0]).toMatch(/refused/);
  });

  it('refuses everything while no board has a web server', async () => {
    const o = opener([]);
    expect(await o.open('http://127.0.0.1:8000/')).toBe(false);
    expect(o.opened).toEqual([]);
  });

  it('refuses when the boards cannot be asked, and never throws', async () => {
    const logs: string[] = [];
    const open = createExternalOpener({
      allowedOrigins: () => Promise.reject(new Error('bench closed')),
      open: async () => {},
      log: (m) => logs.push(m),
    });
    expect(await open('http://192.168.0.50/')).toBe(false);
    expect(logs.join('\n')).toMatch(/bench closed/);
  });

  it('normalises origins (default port, case)', () => {
    expect(httpOrigin('HTTP://Lab-Web.local:80/x')).toBe('http://lab-web.local');
    expect(httpOrigin('ftp://x')).toBeUndefined();
    expect(httpOrigin(undefined)).toBeUndefined();
  });
});

describe("the boards' HTTP origins", () => {
  it("is the selected real board's host and HTTP port", async () => {
    expect(await boardHttpOrigins(fakeBench('lab', [virtual, real('192.168.0.50', 80)]))).toEqual([
      'http://192.168.0.50',
    ]);
    expect(await boardHttpOrigins(fakeBench('lab', [virtual, real('fe80::1', 8000)]))).toEqual([
      'http://[fe80::1]:8000',
    ]);
  });

  it("adds the running in-app board's server (the Board page links to it whichever board is selected)", async () => {
    const bench = fakeBench('lab', [virtual, real('lab-web.local', 80)], 'http://127.0.0.1:8000');
    expect(await boardHttpOrigins(bench)).toEqual(['http://127.0.0.1:8000', 'http://lab-web.local']);
    expect(await boardHttpOrigins(fakeBench('virtual', [virtual]))).toEqual([]);
  });
});
