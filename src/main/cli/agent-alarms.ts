// The agent's alarms: which rules it watches with (a rules file, or the app's saved ones), and what it tells on
// stderr, where a headless bench's operator looks (journalctl, a terminal).
import type { AlarmRecord } from '../../shared/bridge/contracts/alarms';
import type { AlarmRule } from '../../shared/alarms/rules';
import type { AlarmSource, AlarmTransition } from '../core/alarms/types';
import { UsageError } from './args';
import { readRulesFile, RulesFileError } from './rules-file';

/** The rules of `--rules FILE`; a usage error (exit 2) naming the file, what is wrong and where. */
export function rulesFromFile(file: string): AlarmRule[] {
  try {
    return readRulesFile(file);
  } catch (err) {
    if (err instanceof RulesFileError) throw new UsageError(`--rules ${file}:${err.message}`);
    throw err;
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

/** One raise or clear as a log line. */
export function transitionWords(kind: AlarmTransition['kind'], a: AlarmRecord): string {
  if (kind === 'raised') return `alarm raised: ${a.ruleName} (${a.severity}) on ${a.boardName}: ${a.message}`;
  const held = a.clearedAt !== undefined ? ` after ${seconds(a.clearedAt - a.raisedAt)}` : '';
  return `alarm cleared: ${a.ruleName} on ${a.boardName}${held}`;
}

/** Logs every raise and clear of `source`, and counts them for the agent's JSON lines. */
export class AlarmLog {
  raised = 0;
  cleared = 0;
  private readonly unsubscribe: () => void;

  constructor(source: AlarmSource, log: (line: string) => void) {
    this.unsubscribe = source.onTransition((t) => {
      if (t.kind === 'raised') this.raised++;
      else this.cleared++;
      log(transitionWords(t.kind, t.alarm));
    });
  }

  close(): void {
    this.unsubscribe();
  }
}
