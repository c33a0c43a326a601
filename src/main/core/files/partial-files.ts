// Files on a board that hold only part of what was sent to them (an upload cancelled or broken off, whose
// fragment could not be deleted, or a file overwritten part-way): the listing marks them, so a fragment is never
// shown as if it were the whole file. Kept per board, for a bounded number of paths.

/** Partial files by board id and path, with the words that say why. */
export class PartialFiles {
  private readonly boards = new Map<string, Map<string, string>>();

  constructor(private readonly maxPerBoard = 500) {}

  mark(boardId: string, path: string, why: string): void {
    let paths = this.boards.get(boardId);
    if (!paths) this.boards.set(boardId, (paths = new Map()));
    paths.delete(path);
    paths.set(path, why);
    if (paths.size > this.maxPerBoard) paths.delete(paths.keys().next().value!);
  }

  /** The path is whole again (uploaded in full), or gone (deleted, renamed): also everything under a folder. */
  forget(boardId: string, path: string): void {
    const paths = this.boards.get(boardId);
    if (!paths) return;
    for (const p of [...paths.keys()]) if (p === path || p.startsWith(`${path}/`)) paths.delete(p);
  }

  /** Why `path` is partial, or undefined. */
  of(boardId: string, path: string): string | undefined {
    return this.boards.get(boardId)?.get(path);
  }
}
