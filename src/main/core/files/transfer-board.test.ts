import { describe, expect, it } from 'vitest';
import type { TransfersSnapshot } from '../../../shared/bridge/contracts/files';
import { FilesService } from './files-service';
import { targetBoard, type FtpTarget, type FtpTargetProvider } from './target';

// Port 1 on loopback refuses: the uploads fail or are cancelled, but their rows stay in the list with their board.
const boardA: FtpTarget = {
  boardId: 'a-id',
  boardName: 'Bench A',
  host: '127.0.0.1',
  port: 1,
  user: 'anonymous',
  password: 'x',
};
const virtualBoard: FtpTarget = { ...boardA, boardId: 'virtual', boardName: 'Virtual board', virtual: true };

describe('transfer rows name their board', () => {
  it('keeps the first board on its rows after a switch, and labels the new board’s rows with it', () => {
    let target: FtpTarget | undefined = boardA;
    let changed = () => undefined as void;
    const provider: FtpTargetProvider = { current: () => target, onChange: (f) => ((changed = f), () => {}) };
    const snapshots: TransfersSnapshot[] = [];
    const s = new FilesService({
      provider,
      events: { state: () => {}, transfers: (t) => snapshots.push(t), conflict: () => {} },
    });
    s.uploadBegin('/', [{ relPath: 'a.txt', size: 3 }]);
    target = virtualBoard;
    changed();
    s.uploadBegin('/', [{ relPath: 'v.txt', size: 3 }]);
    const items = s.queue.snapshot().items;
    expect(items.map((i) => [i.name, i.board])).toEqual([
      ['a.txt', { id: 'a-id', name: 'Bench A', virtual: false }],
      ['v.txt', { id: 'virtual', name: 'Virtual board', virtual: true }],
    ]);
    // The switch leaves the first board's upload in the queue: it belongs to the board it was started on.
    expect(items[0]!.state).not.toBe('cancelled');
    s.close();
  });

  it('names a board without a profile by its address', () => {
    expect(targetBoard({ ...boardA, boardName: undefined, host: '::1', port: 2121 })).toEqual({
      id: 'a-id',
      name: '[::1]:2121',
      virtual: false,
    });
    expect(targetBoard(undefined)).toBeUndefined();
  });
});
