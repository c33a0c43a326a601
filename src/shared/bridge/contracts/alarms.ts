// The Alarms part of the contract: the rules (docs/alarms.md), the alarms they raise on each board, acknowledging
// them, and the capture bundles saved around their moments.
import { z } from 'zod';
import { alarmRulesSchema, type AlarmRule, type Severity } from '../../alarms/rules';
import { command, event, res } from '../define';

/** One alarm: a rule that held on one board, from its raise to its clear. */
export interface AlarmRecord {
  /** Unique for the bench's run (`<board id>/<rule id>/<raised at>`). */
  readonly id: string;
  readonly ruleId: string;
  readonly ruleName: string;
  readonly ruleKind: AlarmRule['kind'];
  readonly severity: Severity;
  readonly boardId: string;
  readonly boardName: string;
  /** ms since the epoch: when the condition was met long enough (forS), and when it stopped. */
  readonly raisedAt: number;
  readonly clearedAt?: number;
  readonly ackedAt?: number;
  /** The value that raised it (a series value, a rate per second, seconds silent, a pool's % in use). */
  readonly value?: number;
  /** The series or pool it is about, when it has one. */
  readonly subject?: string;
  /** Plain words: what was seen against what the rule allows ("temperature 91.2 °C above 85"). */
  readonly message: string;
  /** The capture bundle saved for it, when the rule asks for one (its id in `alarms:captures`). */
  readonly captureId?: string;
}

/** The alarms now: those still raised, and the latest ones (cleared or not), newest first. */
export interface AlarmsState {
  readonly active: readonly AlarmRecord[];
  /** The last 500 alarms, newest first (active ones included). */
  readonly recent: readonly AlarmRecord[];
  /** Raised alarms nobody acknowledged (the app bar's count). */
  readonly unacknowledged: number;
}

/** The rules as kept, with words for any saved rule that could not be used (kept aside, not lost). */
export interface AlarmRulesView {
  readonly rules: readonly AlarmRule[];
  readonly problems: readonly string[];
}

/** One capture bundle: a folder named by time, board and rule. */
export interface AlarmCapture {
  readonly id: string;
  readonly alarmId: string;
  readonly boardId: string;
  readonly ruleName: string;
  /** The alarm's moment and the window saved around it, ms since the epoch. */
  readonly t: number;
  readonly fromT: number;
  readonly toT: number;
  /** The folder's name (not its host path). */
  readonly folder: string;
  readonly files: readonly { readonly name: string; readonly bytes: number }[];
  /** 'writing' until t + post has passed and every file is written. */
  readonly state: 'writing' | 'done' | 'failed';
  /** Why it failed, in words. */
  readonly note?: string;
}

const alarmId = z.string().min(1).max(400);

export const alarmsCommands = {
  'alarms:rules': command(z.object({}).strict(), res<AlarmRulesView>()),
  /** Replaces the rules (validated as a whole: ids unique, each rule complete). */
  'alarms:set-rules': command(z.object({ rules: alarmRulesSchema }).strict(), res<AlarmRulesView>()),
  /**
   * Reads a rules file's text (`*.alarms.json`). `replace`: the file's rules become the rules; otherwise they are
   * added, a rule with an id already kept replacing it. An error names what is wrong and where.
   */
  'alarms:import-rules': command(
    z.object({ text: z.string().max(2_000_000), replace: z.boolean().default(false) }).strict(),
    res<AlarmRulesView>(),
  ),
  /** The rules as a file's text, to save or download. */
  'alarms:export-rules': command(
    z.object({}).strict(),
    res<{ readonly fileName: string; readonly text: string }>(),
  ),
  'alarms:state': command(z.object({}).strict(), res<AlarmsState>()),
  /** Acknowledges one alarm, or every raised one (`all`). */
  'alarms:ack': command(
    z
      .object({ id: alarmId.optional(), all: z.boolean().optional() })
      .strict()
      .refine((v) => (v.id === undefined) !== (v.all !== true), {
        message: 'Give an alarm id, or all: true.',
      }),
    res<AlarmsState>(),
  ),
  /** The capture bundles saved, newest first. */
  'alarms:captures': command(z.object({}).strict(), res<readonly AlarmCapture[]>()),
  /** Browser mode: one zip of a bundle as a one-time download (`download` is its URL path). */
  'alarms:capture-zip': command(
    z.object({ id: z.string().min(1).max(400) }).strict(),
    res<{ readonly download: string; readonly bytes: number; readonly fileName: string }>(),
  ),
  /** Desktop app: shows a bundle's folder in the system's file manager. */
  'alarms:capture-show': command(
    z.object({ id: z.string().min(1).max(400) }).strict(),
    res<{ readonly shown: boolean }>(),
  ),
};

export const alarmsEvents = {
  /** Any change: a raise, a clear, an acknowledgement. */
  'alarms:changed': event<AlarmsState>(),
  /** One raise or clear, as it happens (notifications, chart shading). */
  'alarms:transition': event<{ readonly kind: 'raised' | 'cleared'; readonly alarm: AlarmRecord }>(),
  'alarms:rules-changed': event<AlarmRulesView>(),
  /** A capture bundle started, finished or failed. */
  'alarms:capture': event<AlarmCapture>(),
};
