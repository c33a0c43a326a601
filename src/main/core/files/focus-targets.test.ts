import { describe, expect, it } from 'vitest';
import type { BoardProfile } from '../../../shared/bridge/contracts/links';
import type { FocusSource } from '../sessions/focus';
import { focusFtpTargets } from './focus-targets';

const real = (id: string, host: string): BoardProfile => ({
  kind: 'real',
  id,
  name: `Bench ${id}`,
  host,
  wsPort: 8080,
  httpPort: 80,
  ftpPort: 21,
  ftpUser: 'u',
  ftpPassword: 'p',
  serialPath: '',
});

/** A focus source the test moves, as the session owner would. */
function focus(): FocusSource & { move(id: string | undefined): void } {
  const listeners = new Set<(id: string | undefined) => void>();
  let now: string | undefined;
  const source: FocusSource = (cb) => {
    listeners.add(cb);
    cb(now);
    return () => listeners.delete(cb);
  };
  return Object.assign(source, {
    move(id: string | undefined) {
      now = id;
      for (const l of listeners) l(id);
    },
  });
}

describe('the Files page’s FTP targets', () => {
  it('follow the focus from its one owner, and give any board’s target by id', async () => {
    const f = focus();
    const profiles = new Map([
      ['a', real('a', '10.0.0.1')],
      ['b', real('b', '10.0.0.2')],
    ]);
    const statusOf = new Set<(id: string) => void>();
    const t = focusFtpTargets({
      onFocus: f,
      profile: (id) => profiles.get(id),
      fleet: { get: () => undefined, onStatus: (cb) => (statusOf.add(cb), () => statusOf.delete(cb)) },
      storage: async (id) => ({ ok: true, used: id === 'a' ? 1 : 2, total: 10 }),
    });
    let changes = 0;
    t.onChange(() => changes++);
    expect(t.current()).toBeUndefined();
    f.move('a');
    expect([t.current()?.boardId, t.current()?.host, changes]).toEqual(['a', '10.0.0.1', 1]);
    expect(t.of?.('b')?.host).toBe('10.0.0.2');
    expect(await t.capacity?.('b')).toEqual({ used: 2, total: 10 });
    expect(await t.capacity?.()).toEqual({ used: 1, total: 10 });
    // A virtual board's status that does not move any FTP server is no change.
    for (const cb of statusOf) cb('a');
    for (const cb of statusOf) cb('a');
    expect(changes).toBe(2);
    t.close();
    f.move('b');
    expect(changes).toBe(2);
  });
});
