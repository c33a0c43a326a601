import { z } from 'zod';
import { command, event, res } from '../define';

/** Longest bench name (a topic level). */
export const MAX_BENCH_NAME = 64;

/** Largest certificate or key file the bench takes (PEM text; a chain of a few certificates fits easily). */
export const MAX_CERT_BYTES = 64 * 1024;

/** The three TLS files of the settings: the broker's CA, this bench's certificate and its key. */
export type CertKind = 'ca' | 'cert' | 'key';
export const certKindSchema = z.enum(['ca', 'cert', 'key']);

/** Each TLS file's setting. */
export const CERT_FIELD = { ca: 'caFile', cert: 'certFile', key: 'keyFile' } as const satisfies Record<
  CertKind,
  string
>;

/** Each TLS file in words. */
export const CERT_WORDS: Record<CertKind, string> = {
  ca: 'CA file',
  cert: 'client certificate file',
  key: 'client key file',
};

/** Why a topic segment (prefix part, bench or board name) would break the topic tree; undefined when fine. */
export function topicSegmentProblem(s: string, what: string): string | undefined {
  if (s === '') return `The ${what} is empty.`;
  // Control characters first: quoting a name with a line break in it would only hide the problem.
  if ([...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    return `The ${what} contains control characters (a line break, a tab…); use letters, digits, - or _.`;
  if (/[+#/]/.test(s)) return `The ${what} "${s}" may not contain +, # or /.`;
  return undefined;
}

/** Why a broker URL cannot be used; undefined when it can. Plain words for a bench engineer. */
export function brokerUrlProblem(url: string): string | undefined {
  if (url.trim() === '') return 'Enter the broker URL, e.g. mqtt://broker.lab:1883.';
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `"${url}" is not a URL; write it like mqtt://broker.lab:1883.`;
  }
  if (!['mqtt:', 'mqtts:', 'ws:', 'wss:'].includes(u.protocol))
    return `The broker URL must start with mqtt://, mqtts://, ws:// or wss://, not ${u.protocol}//.`;
  if (u.hostname === '') return `The broker URL "${url}" names no host.`;
  if (u.username || u.password) return 'Put the user name and password in their own fields, not in the URL.';
  return undefined;
}

/** Each setting's rule, without its default (a patch names only what changes). */
const fields = {
  enabled: z.boolean(),
  url: z.string().max(500),
  username: z.string().max(200),
  password: z.string().max(200),
  /**
   * PEM files for mqtts:// and wss://: the broker's CA, and a client certificate and key. Each is the name of the
   * file the user chose or uploaded; the bench keeps its own copy (mqtt:cert-choose, mqtt:cert-upload). Through
   * mqtt:config-set only '' (remove it) or the name already saved is taken: never a host path. An older
   * settings.json may hold a host path here; it is read once at start and moved into the bench's copy.
   */
  caFile: z.string().max(1000),
  certFile: z.string().max(1000),
  keyFile: z.string().max(1000),
  /** Empty: `nucleo-mem-<bench>`. */
  clientId: z.string().max(100),
  qos: z.union([z.literal(0), z.literal(1)]),
  prefix: z
    .string()
    .max(100)
    .superRefine((p, ctx) => {
      const problem = p.split('/').some((s) => topicSegmentProblem(s, 'topic prefix') !== undefined);
      if (!problem) return;
      const control = [...p].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
      ctx.addIssue({
        code: 'custom',
        message: control
          ? 'The topic prefix contains control characters (a line break, a tab…).'
          : 'The topic prefix is one or more names separated by /, without +, # or empty parts.',
      });
    }),
  /** Empty: the host name. */
  bench: z
    .string()
    .max(MAX_BENCH_NAME, { message: `The bench name is at most ${MAX_BENCH_NAME} characters.` })
    .superRefine((b, ctx) => {
      // The rule that is broken, not a list of them: a newline is not a "+, # or /".
      const problem = b === '' ? undefined : topicSegmentProblem(b, 'bench name');
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  /** Board ids whose LEDs the broker may switch (`…/led/set`); none by default. */
  remoteCommands: z.array(z.string().max(100)).max(100),
  /** Most messages kept on disk while the broker is away; beyond it the oldest telemetry is dropped. */
  queueMax: z.number().int().min(10).max(10_000_000),
};

/** The lab data path's settings (persisted in settings.json under `mqtt`). Off by default. */
export const mqttConfigSchema = z.object({
  enabled: fields.enabled.default(false),
  url: fields.url.default(''),
  username: fields.username.default(''),
  password: fields.password.default(''),
  caFile: fields.caFile.default(''),
  certFile: fields.certFile.default(''),
  keyFile: fields.keyFile.default(''),
  clientId: fields.clientId.default(''),
  qos: fields.qos.default(1),
  prefix: fields.prefix.default('nucleo-mem'),
  bench: fields.bench.default(''),
  remoteCommands: fields.remoteCommands.default([]),
  queueMax: fields.queueMax.default(200_000),
});

/** A change of some settings: absent fields keep their value (no defaults filled in). */
export const mqttConfigPatchSchema = z.object(fields).partial().strict();

export type MqttConfig = z.output<typeof mqttConfigSchema>;

/** The publisher's connection, every reason in words. */
export type MqttConnection =
  | { readonly kind: 'off' }
  /** The settings cannot be used (bad URL, unreadable certificate file…). */
  | { readonly kind: 'invalid'; readonly reason: string }
  | { readonly kind: 'connecting'; readonly attempt: number; readonly url: string }
  | { readonly kind: 'connected'; readonly since: number; readonly url: string }
  /** Disconnected or refused; the next attempt is at retryAt. */
  | { readonly kind: 'waiting'; readonly retryAt: number; readonly reason: string; readonly url: string };

/** What the app bar's MQTT chip and the Lab page show. */
export interface MqttStatus {
  readonly connection: MqttConnection;
  /** Messages the broker acknowledged (QoS 1) or that were written to it (QoS 0). */
  readonly published: number;
  /** Messages waiting in the on-disk queue (in flight included). */
  readonly queued: number;
  /** Telemetry messages dropped because the queue was full. */
  readonly dropped: number;
  readonly bench: string;
  /**
   * Messages the broker refused or that no broker could take (a wildcard topic, over the maximum packet size), set
   * aside in the dead-letter file instead of blocking the queue; absent while none ever was.
   */
  readonly setAside?: {
    readonly count: number;
    /** The last one's topic and why, in words. */
    readonly last: string;
    /** The dead-letter file that holds them, inside the bench's config folder (`mqtt-queue/dead-letter.ndjson`). */
    readonly file: string;
  };
  /** Why the on-disk queue cannot be written now (disk full…); messages are still sent from memory. */
  readonly queueProblem?: string;
}

/** The settings as the renderer sees them: the password never leaves the core, only whether one is set. */
export type MqttConfigView = Omit<MqttConfig, 'password'> & { readonly passwordSet: boolean };

export const mqttCommands = {
  'mqtt:config-get': command(z.object({}).strict(), res<MqttConfigView>()),
  /** Changes some settings (an absent field keeps its value); the publisher restarts with them. */
  'mqtt:config-set': command(mqttConfigPatchSchema, res<MqttConfigView>()),
  'mqtt:status': command(z.object({}).strict(), res<MqttStatus>()),
  /**
   * Desktop app only: a native open dialog for one TLS file; the bench keeps a copy of the file picked (PEM,
   * ≤ MAX_CERT_BYTES) and restarts the publisher. Cancelled: the settings as they were.
   */
  'mqtt:cert-choose': command(z.object({ kind: certKindSchema }).strict(), res<MqttConfigView>()),
  /** A TLS file's text from the page (browser mode): the bench keeps a copy of it, as for mqtt:cert-choose. */
  'mqtt:cert-upload': command(
    z
      .object({
        kind: certKindSchema,
        name: z.string().min(1).max(255),
        text: z.string().max(MAX_CERT_BYTES, {
          message: `A certificate or key file is at most ${MAX_CERT_BYTES / 1024} kB.`,
        }),
      })
      .strict(),
    res<MqttConfigView>(),
  ),
};

export const mqttEvents = {
  /** The connection changed (at once) or the counts did (at most twice a second). */
  'mqtt:state': event<MqttStatus>(),
};
