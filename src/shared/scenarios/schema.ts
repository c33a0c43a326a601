// The scenario file (docs/scenarios.md): what a bench engineer writes to check a board the way a CI checks code.
// One YAML document: a name, variables, and steps; each step is a mapping with one key naming what it does.
import { z } from 'zod';
import { parseDuration } from './duration';
import { compileExpression } from './expr';

/** A duration ("500ms", "2s", a number of ms), as milliseconds. */
export const duration = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const d = parseDuration(v);
  if (!d.ok) {
    ctx.addIssue({ code: 'custom', message: d.reason });
    return z.NEVER;
  }
  return d.ms;
});

/** An expression over a message's fields (expr.ts), checked when the file is read. */
const expression = z
  .string()
  .min(1)
  .max(2000)
  .superRefine((s, ctx) => {
    const c = compileExpression(s);
    if (!c.ok) ctx.addIssue({ code: 'custom', message: c.reason });
  });

/** on/off, true/false: how people write an LED state. */
const onOff = z.union([z.boolean(), z.enum(['on', 'off'])]).transform((v) => v === true || v === 'on');

const regex = z
  .string()
  .min(1)
  .max(1000)
  .superRefine((s, ctx) => {
    try {
      new RegExp(s);
    } catch (e) {
      ctx.addIssue({
        code: 'custom',
        message: `Not a regular expression: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
  });

/** What a text (an HTTP body, a file got over FTP) must be. */
const textCheck = z
  .object({
    equals: z.string().max(10_000_000).optional(),
    contains: z.union([z.string().max(100_000), z.array(z.string().max(100_000)).max(100)]).optional(),
    matches: regex.optional(),
    /** The bytes of a local file (relative to the scenario file's folder). */
    sameAs: z.string().min(1).max(4096).optional(),
  })
  .strict();

const remotePath = z.string().min(1).max(1024).startsWith('/', 'A path on the board starts with /.');

const steps = {
  /** Switch an LED with the firmware's led-command. */
  led: z.object({ led: z.enum(['yellow', 'red']), state: onOff }).strict(),
  /** Send a JSON message (any object), a text frame as written, or a raw frame (frames:send-raw's fields). */
  send: z
    .object({
      message: z.record(z.string(), z.unknown()).optional(),
      text: z.string().max(1_000_000).optional(),
      raw: z
        .object({
          fin: z.boolean().default(true),
          opcode: z.number().int().min(0).max(15),
          mask: z.boolean().default(true),
          hex: z
            .string()
            .max(2_000_000)
            .regex(/^[0-9a-fA-F\s]*$/, 'hex is pairs of 0-9 and a-f.')
            .optional(),
          text: z.string().max(1_000_000).optional(),
        })
        .strict()
        .optional(),
    })
    .strict()
    .refine((s) => [s.message, s.text, s.raw].filter((v) => v !== undefined).length === 1, {
      message: 'Give one of message, text or raw.',
    }),
  /** Expect a message from the board: its type, fields equal to values, and/or an expression true. */
  expect: z
    .object({
      type: z.string().min(1).max(100).optional(),
      fields: z.record(z.string(), z.unknown()).optional(),
      where: expression.optional(),
      within: duration.default(1000),
    })
    .strict()
    .refine((s) => s.type !== undefined || s.fields !== undefined || s.where !== undefined, {
      message: 'Say what message to expect: type, fields or where.',
    }),
  /** Watch telemetry for a span: its rate or period, ranges of fields, fields present, an expression every time. */
  telemetry: z
    .object({
      for: duration,
      /** Messages per second over the span. */
      rate: z
        .object({ min: z.number().min(0).optional(), max: z.number().min(0).optional() })
        .strict()
        .optional(),
      /** Time between messages, each one. */
      period: z.object({ min: duration.optional(), max: duration.optional() }).strict().optional(),
      ranges: z.record(z.string(), z.tuple([z.number(), z.number()])).optional(),
      /** Fields every message must have. */
      fields: z.array(z.string().min(1).max(100)).max(100).optional(),
      where: expression.optional(),
    })
    .strict(),
  http: z
    .object({
      get: remotePath.optional(),
      head: remotePath.optional(),
      status: z.number().int().min(100).max(599).default(200),
      body: textCheck.optional(),
      headers: z.record(z.string(), regex).optional(),
      within: duration.default(5000),
    })
    .strict()
    .refine((s) => (s.get === undefined) !== (s.head === undefined), {
      message: 'Give get or head (one of them).',
    }),
  ftp: z
    .object({
      put: remotePath.optional(),
      get: remotePath.optional(),
      list: remotePath.optional(),
      delete: remotePath.optional(),
      /** For put: the text to upload, or a local file (relative to the scenario file). */
      text: z.string().max(10_000_000).optional(),
      file: z.string().min(1).max(4096).optional(),
      /** For get: what the file must hold. */
      expect: textCheck.optional(),
      /** For list: names that must be there, and names that must not. */
      contains: z.array(z.string().min(1).max(255)).max(1000).optional(),
      absent: z.array(z.string().min(1).max(255)).max(1000).optional(),
      within: duration.default(30_000),
    })
    .strict()
    .refine((s) => [s.put, s.get, s.list, s.delete].filter((v) => v !== undefined).length === 1, {
      message: 'Give one of put, get, list or delete.',
    })
    .refine((s) => s.put === undefined || (s.text === undefined) !== (s.file === undefined), {
      message: 'An FTP put needs text or file (one of them).',
    }),
  /** Expect a serial line matching a regular expression. */
  serial: z.object({ match: regex, within: duration.default(5000) }).strict(),
  /** Reboot the board (the virtual board's reboot; a real board's reset over its serial console if it has one). */
  reboot: z
    .object({ within: duration.default(20_000) })
    .strict()
    .default({ within: 20_000 }),
  /** Cut the board's power and give it back (virtual board). */
  'power-cycle': z
    .object({ within: duration.default(20_000) })
    .strict()
    .default({ within: 20_000 }),
  /** Inject a fault (virtual board only: a real board reports the step as skipped). */
  fault: z
    .object({
      kind: z.enum([
        'drop-link',
        'stall-telemetry',
        'reboot',
        'temperature-spike',
        'pool-packets',
        'pool-restore',
      ]),
      on: z.boolean().optional(),
      deltaC: z.number().min(-50).max(100).optional(),
      packets: z.number().int().min(0).max(1000).optional(),
    })
    .strict(),
  /** Expect the WebSocket link in a state. */
  link: z.object({ state: z.enum(['open', 'closed']), within: duration.default(15_000) }).strict(),
  /** Open a second WebSocket client and expect it to wait (the firmware's single client), be accepted or refused. */
  'ws-client': z
    .object({ expect: z.enum(['waits', 'accepted', 'refused']), within: duration.default(2000) })
    .strict(),
  wait: duration,
  /** A marker in the board's session, so the run's timeline shows the step. */
  mark: z.string().max(500),
} as const;

export type StepKind = keyof typeof steps | 'repeat';
export const STEP_KINDS = [...Object.keys(steps), 'repeat'] as readonly StepKind[];

type Out<K extends keyof typeof steps> = z.output<(typeof steps)[K]>;
export type Step =
  | {
      [K in keyof typeof steps]: { readonly kind: K; readonly name?: string; readonly args: Out<K> };
    }[keyof typeof steps]
  | {
      readonly kind: 'repeat';
      readonly name?: string;
      readonly args: { readonly times: number; readonly steps: readonly Step[] };
    };

/** Most steps a file may hold, repeats unrolled. */
export const MAX_STEPS = 10_000;

export const stepSchemas = steps;

export const scenarioHeader = z
  .object({
    name: z.string().min(1).max(200),
    description: z.string().max(10_000).optional(),
    /** The board it is meant for when the command line names none: virtual, a saved board's name, or ws://host:port. */
    board: z.string().min(1).max(300).optional(),
    vars: z
      .record(
        z.string().regex(/^[A-Za-z_][\w]*$/, 'A variable name is letters, digits and _.'),
        z.union([z.string(), z.number(), z.boolean()]),
      )
      .optional(),
    steps: z.array(z.unknown()).min(1, 'A scenario needs at least one step.').max(MAX_STEPS),
  })
  .strict();
