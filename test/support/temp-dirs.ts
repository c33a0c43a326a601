import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/**
 * A maker of fresh folders under the system's temp folder (named `prefix…`), each removed after the test that made
 * it. A folder a test made read-only is made writable again first, so it can be removed.
 */
export function tempDirs(prefix: string): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const d of made.splice(0)) {
      if (existsSync(d)) chmodSync(d, 0o700);
      rmSync(d, { recursive: true, force: true });
    }
  });
  return () => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    made.push(d);
    return d;
  };
}
