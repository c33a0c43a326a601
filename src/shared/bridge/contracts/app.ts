import { z } from 'zod';
import { unitProblem } from '../../telemetry/fields';
import { command, event, res } from '../define';
import { mqttConfigSchema } from './mqtt';

/** Which transport carries the contract to this renderer. */
export type Transport = 'electron' | 'browser';

/** What the app says about itself. */
export interface AppInfo {
  /** Product name shown in the window title. */
  readonly name: string;
  /** Semantic version from package.json. */
  readonly version: string;
  /** Host operating system (Node's `process.platform`). */
  readonly platform: string;
  /** The transport this answer travelled on. */
  readonly transport: Transport;
  /** Core start time, ms since the epoch. */
  readonly startedAt: number;
}

/** A telemetry field's name as a settings key (names every object has are refused: they are no field's). */
export const telemetryFieldName = z
  .string()
  .min(1)
  .max(64)
  .refine((k) => !Object.hasOwn(Object.prototype, k) && k !== '__proto__', 'That is not a field name.');

/** A unit the user gives to a telemetry field ('' for none). */
export const telemetryUnit = z.string().superRefine((u, ctx) => {
  const problem = unitProblem(u);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** The settings a page may change, each as it is validated (no defaults: a patch names only what it changes). */
const settingsFields = {
  /** Last page shown, restored on start. */
  page: z.enum([
    'dashboard',
    'telemetry',
    'frames',
    'files',
    'memory',
    'serial',
    'board',
    'lab',
    'sessions',
    'alarms',
    'scenarios',
  ]),
  /** Navigation rail collapsed to icons only. */
  railCollapsed: z.boolean(),
  /** Units the user gave to telemetry fields the firmware does not define, by field name. */
  telemetryUnits: z.record(telemetryFieldName, telemetryUnit),
  /** Keep a session file of every watched board's run (docs/sessions.md). */
  sessionRecorder: z.boolean(),
  /** What the session files may take together, in GB (10^9 bytes); the oldest go first past it. */
  sessionBudgetGB: z.number().min(0.1).max(1_000_000),
  /** A desktop notification for each alarm raised (the packaged app; docs/alarms.md). */
  alarmNotifications: z.boolean(),
};

/**
 * User settings the app keeps between runs. Every field has a default, so a bad one falls back alone (JsonStore);
 * fields this version does not know stay in the file.
 */
export const settingsSchema = z.object({
  page: settingsFields.page.default('dashboard'),
  railCollapsed: settingsFields.railCollapsed.default(false),
  /**
   * The board focused when the app last ran, opened again at start. Written only by the SessionOwner (it owns the
   * focus); a page cannot set it (`settings:set` does not take it): `sessions:focus` moves the focus. Empty: none
   * saved (the app then opens the first board of the list, if it has any).
   */
  selectedBoard: z.string().max(100).default(''),
  telemetryUnits: settingsFields.telemetryUnits.default({}),
  sessionRecorder: settingsFields.sessionRecorder.default(true),
  sessionBudgetGB: settingsFields.sessionBudgetGB.default(5),
  /** The lab data path (MQTT publisher): off by default; changed only through mqtt:config-set. */
  mqtt: mqttConfigSchema.prefault({}),
  alarmNotifications: settingsFields.alarmNotifications.default(true),
  /**
   * The alarm rules as saved, each entry checked alone when read (core/alarms/rule-store.ts), so one bad rule loses
   * no other. Changed only through alarms:set-rules and alarms:import-rules, never by settings:set.
   */
  alarmRules: z.array(z.unknown()).default([]),
});

/**
 * A change to the settings: only the fields it names. (A `.partial()` of the schema above would fill every absent
 * field with its default, so changing the page would reset the rest.)
 */
export const settingsPatchSchema = z.object(settingsFields).partial().strict();

/** Persisted user settings. */
export type Settings = z.output<typeof settingsSchema>;

/** A periodic sign of life from the core, used to show that the bridge is alive. */
export interface Heartbeat {
  /** Increments by one per beat. */
  readonly seq: number;
  /** Core time of the beat, ms since the epoch. */
  readonly at: number;
}

export const appCommands = {
  'app:info': command(z.object({}).strict(), res<AppInfo>()),
  'settings:get': command(z.object({}).strict(), res<Settings>()),
  /** What the app has to tell the user about its state files (a setting reset, a damaged file kept aside), once. */
  'app:notices': command(z.object({}).strict(), res<readonly string[]>()),
  /** The `mqtt` section changes only through `mqtt:config-set` (which restarts the publisher). */
  'settings:set': command(settingsPatchSchema, res<Settings>()),
};

export const appEvents = {
  'app:heartbeat': event<Heartbeat>(),
  'settings:changed': event<Settings>(),
};
