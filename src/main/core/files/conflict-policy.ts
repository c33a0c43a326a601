import type { ConflictAction } from '../../../shared/bridge/contracts/files';

/** One user action (a drop, a "download these"): "apply to all" lasts for its items only. */
export class TransferBatch {
  /** Set by an answer with applyToAll. */
  policy: ConflictAction | undefined;
  /** Remote folders known to exist, and the names in them (upload conflict checks without a LIST per file). */
  readonly remoteDirs = new Map<string, Map<string, { size: number; modifiedAt?: number }>>();
}

/** What to do with a conflict: the batch's standing answer, or ask. */
export function decide(batch: TransferBatch): ConflictAction | 'ask' {
  return batch.policy ?? 'ask';
}

/** Records an answer; "apply to all" makes it the batch's standing answer. */
export function remember(batch: TransferBatch, action: ConflictAction, applyToAll: boolean): void {
  if (applyToAll) batch.policy = action;
}
