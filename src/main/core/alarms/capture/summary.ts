// summary.json of a capture bundle: what the bundle is (rule as saved, alarm, board, times, values at the moment),
// its files with their counts, and what is missing and why. The bundle list is rebuilt from these files at start,
// so they are read back through this schema, never cast.
import { z } from 'zod';
import { alarmRuleSchema } from '../../../../shared/alarms/rules';
import type { AlarmCapture } from '../../../../shared/bridge/contracts/alarms';

export const SUMMARY_FORMAT = 'nucleo-mem-alarm-capture';

const fileEntry = z.object({
  name: z.string(),
  bytes: z.number(),
  /** Telemetry rows, frames, serial lines or pool-status reports in the file. */
  count: z.number().optional(),
  what: z.string().optional(),
});

/** The fields the bench reads back; the rest (alarm record, values) is for people and other tools. */
export const summarySchema = z.object({
  format: z.literal(SUMMARY_FORMAT),
  version: z.literal(1),
  id: z.string(),
  state: z.enum(['done', 'failed']),
  note: z.string().optional(),
  rule: alarmRuleSchema.or(z.record(z.string(), z.unknown())),
  alarm: z.object({ id: z.string() }).passthrough(),
  board: z.object({ id: z.string(), name: z.string() }),
  t: z.number(),
  fromT: z.number(),
  toT: z.number(),
  files: z.array(fileEntry),
  missing: z.array(z.object({ file: z.string(), why: z.string() })),
});
export type CaptureSummary = z.output<typeof summarySchema>;

/** The summary's text: the fields above plus the ISO times and the values at the moment. */
export function summaryText(
  s: CaptureSummary,
  extra: { valuesAt: Readonly<Record<string, number>>; preS: number; postS: number },
): string {
  const iso = (t: number) => new Date(t).toISOString();
  return (
    JSON.stringify(
      {
        format: s.format,
        version: s.version,
        id: s.id,
        state: s.state,
        ...(s.note ? { note: s.note } : {}),
        board: s.board,
        rule: s.rule,
        alarm: s.alarm,
        t: s.t,
        tIso: iso(s.t),
        fromT: s.fromT,
        fromIso: iso(s.fromT),
        toT: s.toT,
        toIso: iso(s.toT),
        preS: extra.preS,
        postS: extra.postS,
        valuesAt: extra.valuesAt,
        files: s.files,
        missing: s.missing,
      },
      null,
      2,
    ) + '\n'
  );
}

/** The list entry of a bundle from its summary. */
export function captureOf(s: CaptureSummary, ruleName: string): AlarmCapture {
  return {
    id: s.id,
    alarmId: s.alarm.id,
    boardId: s.board.id,
    ruleName,
    t: s.t,
    fromT: s.fromT,
    toT: s.toT,
    folder: s.id,
    files: s.files.map((f) => ({ name: f.name, bytes: f.bytes })),
    state: s.state,
    ...(s.note ? { note: s.note } : {}),
  };
}

/** The rule's name as the summary holds it (a rule from an older version may not parse: its name is still read). */
export function ruleNameOf(s: CaptureSummary): string {
  const name = 'name' in s.rule ? s.rule.name : undefined;
  const fromAlarm = s.alarm['ruleName'];
  return typeof name === 'string' ? name : typeof fromAlarm === 'string' ? fromAlarm : 'rule';
}
