// A scenario run from the app reads nothing of the host's disk: its text comes from the page (in browser mode from
// another machine), so `file:` and `sameAs:` would let it upload or compare any file the app can read.
import type { LocatedStep } from '../../../shared/scenarios/load';

/** Words for the first step that names a local file, or undefined when none does. */
export function hostFileProblem(steps: readonly LocatedStep[]): string | undefined {
  for (const s of steps) {
    if (s.kind === 'repeat') {
      const inner = hostFileProblem(s.args.steps as readonly LocatedStep[]);
      if (inner) return inner;
      continue;
    }
    const key = namesFile(s.args);
    if (key)
      return `Line ${s.line}:${s.column}: "${key}:" reads a file of this computer, which a scenario run from the app does not do; give the content as text (text:, equals:, contains:), or run the file with npm run scenario.`;
  }
  return undefined;
}

function namesFile(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  for (const [k, x] of Object.entries(v)) {
    if ((k === 'file' || k === 'sameAs') && x !== undefined) return k;
    const inner = namesFile(x);
    if (inner) return inner;
  }
  return undefined;
}
