// The agent's alarms: which rules it watches with (a rules file, or the app's saved ones), and what it tells on
// stderr, where a headless bench's operator looks (journalctl, a terminal).
import type { AlarmRecord } from '../../shared/bridge/contracts/alarms';
import type { AlarmRule } from '../../shared/alarms/rules';
import type { AlarmSource, AlarmTransition } from '../core/alarms/types';
import { readFileSync, statSync } from 'node:fs';
import { parseBoardMessage, type ParsedBoardMessage } from '../../shared/protocol/messages';
import type { MessageRecord } from '../../shared/recording/format';
import { PoolStatusFeed } from '../core/memory/pool-feed';
import type { SessionDeps } from '../core/sessions/session-deps';
import { AlarmRuleStore, type RuleSettings } from '../core/alarms/rule-store';
import { parseRulesFile } from '../core/alarms/rules-file';
import { BenchError } from '../../shared/result';
import { UsageError } from './args';

/** Largest rules file read: as much text as the app's import takes. */
export const MAX_RULES_FILE_BYTES = 2_000_000;

/** The text of `file`, or why it cannot be read, in words. */
function rulesText(file: string): string {
  let why: string;
  try {
    const st = statSync(file);
    if (!st.isFile()) why = 'it is not a file';
    else if (st.size > MAX_RULES_FILE_BYTES)
      why = `it is ${st.size.toLocaleString('en-US')} bytes; a rules file is at most ${MAX_RULES_FILE_BYTES.toLocaleString('en-US')}`;
    else return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    const code = typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined;
    why =
      code === 'ENOENT'
        ? 'there is no such file'
        : code === 'EACCES'
          ? 'this user may not read it'
          : `it could not be read (${err instanceof Error ? err.message : String(err)})`;
  }
  throw new UsageError(`--rules ${file}: ${why}`);
}

/**
 * The rules of `--rules FILE` (the app's export format), read as the app's import reads them; a usage error (exit
 * 2) naming the file and what is wrong where (a JSON mistake by line and column, a rule by its place, id and field).
 */
export function rulesFromFile(file: string): AlarmRule[] {
  const text = rulesText(file);
  try {
    return parseRulesFile(text);
  } catch (err) {
    if (err instanceof BenchError) throw new UsageError(`--rules ${file}: ${err.message}`);
    throw err;
  }
}

/** The rules saved in the settings (the app's), each one that cannot be used said in `log`. */
export function savedRules(settings: RuleSettings, log: (line: string) => void): AlarmRule[] {
  const view = new AlarmRuleStore(settings).view();
  for (const p of view.problems) log(p);
  return [...view.rules];
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

/**
 * The pool-status reports of the agent's boards, for pool rules. The agent has no telemetry pipeline to parse each
 * message once, so only a message that names pool-status is parsed here, and the session is handed that parse.
 */
export function agentPools(): {
  readonly pools: PoolStatusFeed;
  readonly hooks: Pick<SessionDeps, 'onMessage' | 'parsed' | 'onLinkEvent'>;
} {
  const pools = new PoolStatusFeed();
  const parses = new WeakMap<MessageRecord, ParsedBoardMessage>();
  return {
    pools,
    hooks: {
      onMessage: (boardId, r) => {
        if (r.dir !== 'rx' || r.op !== 1 || r.data === undefined || !r.data.includes('pool-status')) return;
        const m = parseBoardMessage(r.data);
        parses.set(r, m);
        if (m.kind === 'other' && m.type === 'pool-status') pools.push(boardId, m.value);
      },
      parsed: (r) => parses.get(r) ?? parseBoardMessage(r.data ?? ''),
      onLinkEvent: (boardId, mark) => {
        if (mark.kind === 'disconnect') pools.forget(boardId);
      },
    },
  };
}
