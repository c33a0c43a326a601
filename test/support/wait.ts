/**
 * The one polling helper of the tests (no fixed sleeps): polls `probe` until it gives something truthy, and returns
 * that. The probe may be async (a connection attempt, a file read). On timeout the error names what was awaited and
 * how long it waited.
 *
 * It keeps the real timers and clock taken when this module loads, so a test that has switched to
 * `vi.useFakeTimers()` can still wait on state that microtasks or real I/O bring about.
 */
const realSetTimeout = globalThis.setTimeout.bind(globalThis);
const realNow = Date.now.bind(Date);

export async function until<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 10_000,
  everyMs = 10,
): Promise<T> {
  const end = realNow() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (realNow() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => realSetTimeout(r, everyMs));
  }
}
