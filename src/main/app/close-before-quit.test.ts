import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeBeforeQuit } from './close-before-quit';

vi.mock('electron', () => ({}));

type Listener = (event: { preventDefault(): void }) => void;

/** A fake `app` whose quit() emits before-quit as Electron's does, and which records whether it really quit. */
function fakeApp() {
  let listener: Listener | undefined;
  const app = {
    quits: 0,
    quitted: false,
    on: (_name: 'before-quit', l: Listener) => (listener = l),
    quit() {
      app.quits++;
      let prevented = false;
      listener!({ preventDefault: () => (prevented = true) });
      if (!prevented) app.quitted = true;
    },
  };
  return app;
}

afterEach(() => vi.useRealTimers());

describe('quitting waits for the bench', () => {
  it('holds the quit until close() has finished, then quits once', async () => {
    const app = fakeApp();
    let finish!: () => void;
    const close = vi.fn(() => new Promise<void>((r) => (finish = r)));
    closeBeforeQuit(app, close, () => {});
    app.quit();
    expect(app.quitted).toBe(false);
    app.quit(); // a second Ctrl+Q while closing neither closes again nor quits early
    expect(close).toHaveBeenCalledTimes(1);
    expect(app.quitted).toBe(false);
    finish();
    await vi.waitFor(() => expect(app.quitted).toBe(true));
    expect(app.quits).toBe(3);
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('quits after the bound when close() hangs, and says so', async () => {
    vi.useFakeTimers();
    const app = fakeApp();
    const logs: string[] = [];
    closeBeforeQuit(
      app,
      () => new Promise<void>(() => {}),
      (m) => logs.push(m),
      5000,
    );
    app.quit();
    await vi.advanceTimersByTimeAsync(4999);
    expect(app.quitted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(app.quitted).toBe(true);
    expect(logs.join('\n')).toMatch(/did not close within 5 s/);
  });

  it('quits when close() fails, logging the failure', async () => {
    const app = fakeApp();
    const logs: string[] = [];
    closeBeforeQuit(
      app,
      () => Promise.reject(new Error('disk full')),
      (m) => logs.push(m),
    );
    app.quit();
    await vi.waitFor(() => expect(app.quitted).toBe(true));
    expect(logs).toEqual(['closing the bench failed: disk full']);
  });
});
