import type { ConflictAction, ConflictQuestion } from '../../../shared/bridge/contracts/files';
import { BenchError } from '../../../shared/result';

export interface ConflictAnswer {
  readonly action: ConflictAction;
  readonly applyToAll: boolean;
}

/** The transfer queue's open questions ("the board already has this file"), each waiting for the user's answer. */
export class ConflictDesk {
  private next = 1;
  private readonly open = new Map<number, { transferId: number; resolve: (a: ConflictAnswer) => void }>();

  constructor(private readonly post: (q: ConflictQuestion) => void) {}

  ask(q: Omit<ConflictQuestion, 'conflictId'>): Promise<ConflictAnswer> {
    const conflictId = this.next++;
    return new Promise<ConflictAnswer>((resolve) => {
      this.open.set(conflictId, { transferId: q.transferId, resolve });
      this.post({ ...q, conflictId });
    });
  }

  resolve(conflictId: number, action: ConflictAction, applyToAll: boolean): void {
    const c = this.open.get(conflictId);
    if (!c)
      throw new BenchError('NOT_FOUND', 'That question was already answered or its transfer was cancelled.');
    this.open.delete(conflictId);
    c.resolve({ action, applyToAll });
  }

  /** Answers "skip" to the questions of one transfer, or of all when no id is given. */
  skip(transferId?: number): void {
    for (const [cid, c] of this.open) {
      if (transferId === undefined || c.transferId === transferId) {
        this.open.delete(cid);
        c.resolve({ action: 'skip', applyToAll: false });
      }
    }
  }
}
