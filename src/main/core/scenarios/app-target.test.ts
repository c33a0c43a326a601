import { describe, expect, it } from 'vitest';
import type { RealBoardProfile } from '../../../shared/bridge/contracts/links';
import type { BoardControl } from '../virtual-board';
import { appTarget } from './app-target';

const real = (serialPath: string): RealBoardProfile => ({
  kind: 'real',
  id: 'lab',
  name: 'Lab bench',
  host: '192.168.0.50',
  wsPort: 8080,
  httpPort: 80,
  ftpPort: 21,
  ftpUser: 'anonymous',
  ftpPassword: 'anonymous',
  serialPath,
});
const noLines = () => () => undefined;

describe('appTarget (where a run in the app finds its board)', () => {
  it("gives a real board's endpoints from its profile, with no control (faults and power are skipped)", () => {
    const t = appTarget({ profile: real(''), serialLines: noLines });
    if (typeof t === 'string') throw new Error(t);
    expect(t.info).toMatchObject({
      kind: 'real',
      label: 'Lab bench (192.168.0.50)',
      ws: 'ws://192.168.0.50:8080',
      http: 'http://192.168.0.50:80',
      ftp: 'ftp://192.168.0.50:21',
      serial: { ok: false, reason: 'the saved board "Lab bench" has no serial port set' },
    });
    expect(t.control).toBeUndefined();
    expect(t.onSerialLine).toBeUndefined();
  });

  it("reads a real board's serial lines through the app's console when it has a port", () => {
    const t = appTarget({ profile: real('/dev/ttyACM0'), serialLines: noLines });
    if (typeof t === 'string') throw new Error(t);
    expect(t.info.serial).toEqual({ ok: true });
    expect(t.onSerialLine).toBe(noLines);
  });

  it("gives the running virtual board's ports and control, and says so when it is not running", () => {
    const profile = { kind: 'virtual', id: 'virtual', name: 'Virtual board', host: '127.0.0.1' } as const;
    expect(appTarget({ profile, serialLines: noLines })).toBe(
      'The virtual board "Virtual board" is not running: start it on the Board page first.',
    );
    const control = {} as BoardControl;
    const t = appTarget({
      profile,
      serialLines: noLines,
      running: { endpoints: { host: '127.0.0.1', wsPort: 8080, httpPort: 8000, ftpPort: 2121 }, control },
    });
    if (typeof t === 'string') throw new Error(t);
    expect(t.info).toMatchObject({
      kind: 'virtual',
      label: 'Virtual board (virtual)',
      http: 'http://127.0.0.1:8000',
      ftp: 'ftp://127.0.0.1:2121',
      serial: { ok: true },
    });
    expect(t.control).toBe(control);
    expect(t.ftpPort).toBe(2121);
  });
});
