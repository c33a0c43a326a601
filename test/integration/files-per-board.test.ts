// The files service keeps one FTP session per board: a request names its board and is answered from that board's
// server whichever board is focused, a transfer finishes on the board it was started for after the focus moved,
// and every state it reports names its board.
import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmmc } from '../../src/main/board/emmc';
import { startFtpServer, type FtpServerHandle } from '../../src/main/board/ftp';
import { FilesService } from '../../src/main/core/files/files-service';
import type { FtpTarget, FtpTargetProvider } from '../../src/main/core/files/target';
import type { FilesState } from '../../src/shared/bridge/contracts/files';
import { until } from '../support/wait';

interface Board {
  dir: string;
  server: FtpServerHandle;
  target: FtpTarget;
}

async function board(id: string, file: string): Promise<Board> {
  const dir = await mkdtemp(join(tmpdir(), `per-board-${id}-`));
  writeFileSync(join(dir, file), `${id}'s own file\n`);
  const emmc = await openEmmc({ root: dir, seedDir: null });
  const server = await startFtpServer({ port: 0, emmc });
  const target = {
    boardId: id,
    boardName: `Bench ${id}`,
    host: '127.0.0.1',
    port: server.port,
    user: 'u',
    password: 'p',
  };
  return { dir, server, target };
}

describe('files of several boards', () => {
  let a: Board;
  let b: Board;
  let local: string;
  beforeAll(async () => {
    a = await board('a', 'only-on-a.txt');
    b = await board('b', 'only-on-b.txt');
    local = await mkdtemp(join(tmpdir(), 'per-board-local-'));
    writeFileSync(join(local, 'up.bin'), Buffer.alloc(2 * 1024 * 1024, 1));
  });
  afterAll(async () => {
    for (const x of [a, b]) {
      await x.server.close();
      await rm(x.dir, { recursive: true, force: true });
    }
    await rm(local, { recursive: true, force: true });
  });

  it('answers each board from its own server, keeps transfers on their board, and names the board in its state', async () => {
    let focused: Board = a;
    const listeners = new Set<() => void>();
    const provider: FtpTargetProvider = {
      current: () => focused.target,
      of: (id) => [a, b].find((x) => x.target.boardId === id)?.target,
      onChange: (cb) => (listeners.add(cb), () => listeners.delete(cb)),
    };
    const states: FilesState[] = [];
    const s = new FilesService({
      provider,
      events: { state: (st) => states.push(st), transfers: () => undefined, conflict: () => undefined },
    });
    try {
      const names = async (id?: string) => (await s.list('/', id)).entries.map((e) => e.name);
      expect(await names()).toEqual(['only-on-a.txt']);
      expect(await names('b')).toEqual(['only-on-b.txt']);
      expect(s.state('b')).toMatchObject({ boardId: 'b', target: { boardId: 'b', port: b.server.port } });

      await s.uploadFromHost([join(local, 'up.bin')], '/', 'a');
      focused = b;
      for (const l of listeners) l();
      expect(states.at(-1)).toMatchObject({ boardId: 'b' });
      const snap = await until(
        () => !s.queue.snapshot().active && s.queue.snapshot(),
        'the upload to end',
        60_000,
      );
      expect(snap.items.map((i) => [i.board?.id, i.state])).toEqual([['a', 'done']]);
      expect(existsSync(join(a.dir, 'up.bin'))).toBe(true);
      expect(existsSync(join(b.dir, 'up.bin'))).toBe(false);
      expect(await names()).toEqual(['only-on-b.txt']);
      expect(states.every((st) => st.boardId === 'a' || st.boardId === 'b')).toBe(true);
    } finally {
      s.close();
    }
  });
});
