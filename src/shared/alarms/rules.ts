// Alarm rules: what the bench watches for on a board when nobody looks (docs/alarms.md). One schema for the
// settings, the rules file a user imports or exports, the app's rule editor and the headless agent.
import { z } from 'zod';

export const severities = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof severities)[number];

/** Every board the bench watches, instead of one board id. */
export const ANY_BOARD = '*';

const seconds = (max: number) => z.number().finite().min(0).max(max);
const finite = z.number().finite();

/** What every rule has, whatever it watches. */
const common = {
  /** Stable id (letters, digits, - and _), unique in a rules list. */
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'A rule id is letters, digits, - and _ only.'),
  /** Shown to people: in the Alarms list, the notification, the MQTT message and the capture folder. */
  name: z.string().trim().min(1, 'Give the rule a name.').max(120),
  /** A board id, or `*` for every watched board. */
  board: z.string().min(1).max(100).default(ANY_BOARD),
  enabled: z.boolean().default(true),
  severity: z.enum(severities).default('warning'),
  /** The condition must hold this long before the alarm is raised (0: at once). */
  forS: seconds(86_400).default(0),
  /** Save the evidence around the moment it is raised: seconds before and after. Absent: no capture. */
  capture: z
    .object({ preS: seconds(3600).default(30), postS: seconds(3600).default(30) })
    .strict()
    .optional(),
};

/** A telemetry field above, below, or outside a band (both limits). Clears once back inside by `hysteresis`. */
const threshold = z
  .object({
    ...common,
    kind: z.literal('threshold'),
    series: z.string().min(1).max(64),
    above: finite.optional(),
    below: finite.optional(),
    /** How far back inside the limit the value must come before the alarm clears (same unit as the series). */
    hysteresis: z.number().finite().min(0).default(0),
  })
  .strict()
  .refine((r) => r.above !== undefined || r.below !== undefined, {
    message: 'A threshold rule needs "above", "below" or both.',
  })
  .refine((r) => r.above === undefined || r.below === undefined || r.below < r.above, {
    message: 'For a band, "below" must be less than "above" (the alarm is raised outside the band).',
  });

/** A telemetry field changing faster than `perS` units a second (either way), over `windowS`. */
const rate = z
  .object({
    ...common,
    kind: z.literal('rate'),
    series: z.string().min(1).max(64),
    perS: z.number().finite().positive(),
    windowS: z.number().finite().min(0.1).max(3600).default(5),
  })
  .strict();

/** No telemetry message from the board for `afterS` seconds. */
const stale = z
  .object({
    ...common,
    kind: z.literal('stale'),
    afterS: z.number().finite().min(0.5).max(86_400).default(5),
  })
  .strict();

/** The board's WebSocket link not open for `afterS` seconds. */
const link = z
  .object({ ...common, kind: z.literal('link'), afterS: z.number().finite().min(0).max(86_400).default(10) })
  .strict();

/** The board restarted (its uptime went back). An event: the alarm clears by itself after `holdS`. */
const reboot = z
  .object({ ...common, kind: z.literal('reboot'), holdS: z.number().finite().min(0).max(86_400).default(60) })
  .strict();

/**
 * A memory pool (pool-status, docs/pool-status.md): packet or byte pool `pool` (absent: any) above `abovePct` % of
 * its size in use, and/or any allocation failure (`failures` counter going up; an event, cleared after `holdS`).
 */
const pool = z
  .object({
    ...common,
    kind: z.literal('pool'),
    pool: z.string().min(1).max(120).optional(),
    abovePct: z.number().finite().min(0).max(100).optional(),
    failures: z.boolean().default(false),
    hysteresisPct: z.number().finite().min(0).max(100).default(5),
    holdS: z.number().finite().min(0).max(86_400).default(60),
  })
  .strict()
  .refine((r) => r.abovePct !== undefined || r.failures, {
    message: 'A pool rule needs "abovePct", "failures": true, or both.',
  });

export const alarmRuleSchema = z.union([threshold, rate, stale, link, reboot, pool]);
export type AlarmRule = z.output<typeof alarmRuleSchema>;
export type AlarmRuleInput = z.input<typeof alarmRuleSchema>;
export type AlarmRuleKind = AlarmRule['kind'];

/** Most rules a bench keeps. */
export const MAX_RULES = 500;

/** A rules list: ids unique. */
export const alarmRulesSchema = z
  .array(alarmRuleSchema)
  .max(MAX_RULES, { message: `At most ${MAX_RULES} rules.` })
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((r, i) => {
      if (seen.has(r.id))
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `Rule id "${r.id}" is used twice.` });
      seen.add(r.id);
    });
  });

/** The file a user imports or exports (`*.alarms.json`). */
export const alarmRulesFileSchema = z
  .object({ format: z.literal('nucleo-mem-alarm-rules'), version: z.literal(1), rules: alarmRulesSchema })
  .strict();
export type AlarmRulesFile = z.output<typeof alarmRulesFileSchema>;
