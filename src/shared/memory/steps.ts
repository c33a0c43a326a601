// Parsers of user files are generators that yield every so often, so the core can run them in slices and keep
// answering other clients meanwhile (src/main/core/memory/sliced.ts); the page and tests run them straight through.

/** A computation that yields (with no value) between slices of work and returns `T` at the end. */
export type Steps<T> = Generator<void, T, void>;

/** Runs `steps` to the end without pausing. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
