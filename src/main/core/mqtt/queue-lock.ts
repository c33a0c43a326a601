// One process per on-disk queue.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LOCK = 'lock';

/** Whether process `pid` runs (signal 0 only asks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err instanceof Error && 'code' in err && err.code === 'EPERM';
  }
}

/**
 * One process per queue: two benches (the app and an agent on the same config dir) would send each other's
 * messages twice and delete each other's segments. A lock left by a process that died is taken over.
 */
export function lockQueue(dir: string): void {
  const file = join(dir, LOCK);
  let holder: number | undefined;
  try {
    holder = Number(readFileSync(file, 'utf8'));
  } catch {
    // No lock: free.
  }
  if (holder && holder !== process.pid && Number.isSafeInteger(holder) && alive(holder))
    throw new Error(
      `The MQTT queue in ${dir} is in use by another bench process (pid ${holder}); give each running bench its own config directory.`,
    );
  writeFileSync(file, String(process.pid));
}

export function unlockQueue(dir: string): void {
  rmSync(join(dir, LOCK), { force: true });
}
