import { UsageError } from './args';

/** `board`: the headless virtual board (filled in by the virtual board issue). */
export async function runBoard(_argv: string[]): Promise<void> {
  throw new UsageError('the virtual board is not built yet');
}
