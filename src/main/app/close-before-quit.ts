/** The part of Electron's `app` the quit guard uses; injected so tests pass a fake. */
export interface QuittingApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

/** How long quitting waits for the bench before it goes anyway. */
export const CLOSE_BOUND_MS = 5000;

/**
 * Holds the first quit until `close()` has finished (a recording gets its last lines and is closed, the virtual
 * board's sockets are released), but never longer than `boundMs`; then quits once. Later quits pass straight on.
 */
export function closeBeforeQuit(
  app: QuittingApp,
  close: () => Promise<void>,
  log: (message: string) => void,
  boundMs = CLOSE_BOUND_MS,
): void {
  let phase: 'running' | 'closing' | 'closed' = 'running';
  app.on('before-quit', (event) => {
    if (phase === 'closed') return;
    event.preventDefault();
    if (phase === 'closing') return;
    phase = 'closing';
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log(`quitting without waiting longer: the bench did not close within ${boundMs / 1000} s`);
        resolve();
      }, boundMs);
    });
    // Called at once, a throw included (an async wrapper turns it into a rejection).
    const closing = (async () => close())().catch((err: unknown) =>
      log(`closing the bench failed: ${(err as Error)?.message ?? String(err)}`),
    );
    void Promise.race([closing, bound]).then(() => {
      clearTimeout(timer);
      phase = 'closed';
      app.quit();
    });
  });
}
