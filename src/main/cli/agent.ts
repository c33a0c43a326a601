// `npm run agent -- --mqtt URL [--bench NAME] [--virtual N] [--telemetry-ms MS] [--config-dir DIR] [--rules FILE]`:
// the core without a window. Watches the saved real boards of the config dir (or N virtual boards started here, for
// a test lab) with the alarm rules (the file's, or the saved ones) and publishes them to the broker. Prints one JSON
// line when running; logs (alarms included) on stderr; SIGTERM/SIGINT publish every board and the bench offline,
// flush the queue, and exit 0 with a last JSON line of counts.
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { startBoard, type RunningBoard } from '../board';
import { AlarmService } from '../core/alarms/alarm-service';
import { ProfileStore } from '../core/links/profiles';
import { CertFiles } from '../core/mqtt/cert-files';
import { LabPublisher, type LabPublisherOptions } from '../core/mqtt/lab-publisher';
import { loadTlsFiles } from '../core/mqtt/tls-settings';
import { folderProblem } from '../core/mqtt/words';
import { remoteCommandsToIds } from '../core/mqtt/topic-names';
import { topicName } from '../core/mqtt/topics';
import type { BoardSession, VirtualBoardProvider } from '../core/sessions/board-session';
import { SessionOwner } from '../core/sessions/session-owner';
import { SettingsStore } from '../core/settings-store';
import type { BoardProfile } from '../../shared/bridge/contracts/links';
import {
  brokerUrlProblem,
  MAX_BENCH_NAME,
  mqttConfigSchema,
  topicSegmentProblem,
} from '../../shared/bridge/contracts/mqtt';
import { AlarmLog, agentPools, rulesFromFile, savedRules } from './agent-alarms';
import { numberFlag, parseFlags, UsageError } from './args';
import { defaultConfigDir } from './paths';

const flags = {
  mqtt: { type: 'string' },
  bench: { type: 'string' },
  virtual: { type: 'string' },
  'telemetry-ms': { type: 'string' },
  'config-dir': { type: 'string' },
  rules: { type: 'string' },
} as const;

const err = (m: string) => process.stderr.write(`${new Date().toISOString()} ${m}\n`);

/** The publisher, or an error naming the config folder when its queue cannot be kept there. */
function newLab(opts: LabPublisherOptions): LabPublisher {
  try {
    return new LabPublisher(opts);
  } catch (e) {
    const problem = folderProblem(e, dirname(opts.queueDir));
    if (problem) throw new Error(problem, { cause: e });
    throw e;
  }
}

export async function runAgent(argv: string[]): Promise<void> {
  const v = parseFlags(argv, flags);
  const configDir = resolve(v['config-dir'] ?? defaultConfigDir());
  const settings = new SettingsStore(configDir, err);
  // The saved boards, with the topic levels the app fixed for them; a remote-command list an older version kept by
  // topic name is turned into board ids, once, as the app does.
  const savedBoards = new ProfileStore(configDir, err);
  remoteCommandsToIds(settings, savedBoards, err);
  const saved = settings.get().mqtt;
  const url = v.mqtt ?? (saved.enabled ? saved.url : '');
  if (!url)
    throw new UsageError('no broker: pass --mqtt URL, or turn MQTT on in the Lab settings of the app');
  const urlProblem = brokerUrlProblem(url);
  if (urlProblem) throw new UsageError(`--mqtt: ${urlProblem}`);
  if (v.bench !== undefined) {
    if (v.bench.length > MAX_BENCH_NAME)
      throw new UsageError(
        `--bench: the bench name is at most ${MAX_BENCH_NAME} characters; this one has ${v.bench.length}`,
      );
    const p = topicSegmentProblem(v.bench, 'bench name');
    if (p) throw new UsageError(`--bench: ${p}`);
  }
  const bench = v.bench ?? (saved.bench || topicName(hostname()));
  const parsed = mqttConfigSchema.safeParse({ ...saved, enabled: true, url, bench });
  // Each rule broken, in its own words (zod's own report is JSON).
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join(' '));
  // The TLS files are the bench's copies (an older settings file's host paths are moved into them once).
  const loaded = await loadTlsFiles(parsed.data, new CertFiles(configDir));
  for (const n of loaded.notices) err(n);
  const config = loaded.config;
  const virtualCount = numberFlag('virtual', v.virtual, 0, 0, 200);
  if (!Number.isInteger(virtualCount)) throw new UsageError('--virtual must be a whole number of boards');
  const telemetryMs = numberFlag('telemetry-ms', v['telemetry-ms'], 1000, 1, 60_000);
  // Read before anything starts: a mistake in the rules is said (exit 2) before a board is watched.
  const rules = v.rules !== undefined ? rulesFromFile(resolve(v.rules)) : savedRules(settings, err);

  const boards: RunningBoard[] = [];
  const profiles = new Map<string, BoardProfile>();
  const virtualBoards = new Map<string, VirtualBoardProvider>();
  let emmcRoot: string | undefined;
  // Saved boards keep the topic levels fixed for them; the agent's own virtual boards live one run, in memory.
  let topicNames: ProfileStore | undefined;
  if (virtualCount > 0) {
    emmcRoot = mkdtempSync(join(tmpdir(), 'nucleo-agent-emmc-'));
    for (let i = 1; i <= virtualCount; i++) {
      const b = await startBoard({
        wsPort: 0,
        http: { port: 0 },
        ftp: { port: 0 },
        emmcDir: join(emmcRoot, String(i)),
        telemetryMs,
        bootDelayMs: 0,
      });
      boards.push(b);
      const id = `virtual-${i}`;
      profiles.set(id, { kind: 'virtual', id, name: id, host: '127.0.0.1' });
      virtualBoards.set(id, {
        ensureStarted: async () => ({ ws: b.endpoints.ws, http: b.endpoints.http, ftp: b.endpoints.ftp }),
      });
    }
  } else {
    topicNames = savedBoards;
    for (const p of topicNames.list()) if (p.kind === 'real') profiles.set(p.id, p);
    if (profiles.size === 0)
      throw new UsageError(
        `no boards to watch: save board profiles in the app (config dir ${configDir}) or pass --virtual N`,
      );
  }
  // The app's board sessions (WebSocket link, HTTP and FTP probes) without a window: no one hears their events.
  const pools = agentPools();
  const owner = new SessionOwner({
    getProfile: (id) => profiles.get(id),
    emit: () => {},
    virtual: (id) => virtualBoards.get(id),
    log: err,
    summaryEveryMs: 0,
    ...pools.hooks,
  });
  // The app's alarm service over the same sessions: its raises and clears are logged and published.
  const alarms = new AlarmService({
    boards: { list: () => owner.list(), onChange: (cb) => owner.onSessionsChanged(cb) },
    pools: pools.pools,
    rules,
    log: err,
  });
  const alarmLog = new AlarmLog(alarms, err);

  let lastConnection = '';
  const lab = newLab({
    config,
    tls: loaded.tls,
    bench,
    queueDir: join(configDir, 'mqtt-queue'),
    log: err,
    ...(topicNames ? { topicNames } : {}),
    alarms,
    onStatus: (s) => {
      const c = s.connection;
      const words =
        c.kind === 'waiting'
          ? `waiting: ${c.reason}`
          : c.kind === 'invalid'
            ? `invalid: ${c.reason}`
            : c.kind;
      if (words !== lastConnection) err(`MQTT ${words}`);
      lastConnection = words;
    },
  });
  // Each session is published from its first state on (its links are still opening when `watch` resolves).
  const feeds: BoardSession[] = [];
  const topics: string[] = [];
  for (const id of profiles.keys()) {
    await owner.watch(id);
    const session = owner.get(id)!;
    feeds.push(session);
    topics.push(lab.add(session));
  }
  lab.start();
  process.stdout.write(
    `${JSON.stringify({
      bench,
      broker: url,
      prefix: config.prefix,
      pid: process.pid,
      boards: feeds.map((f, i) => ({ id: f.id, name: f.name, topic: topics[i] })),
      rules: rules.length,
      alarms: alarms.active().length,
    })}\n`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    err(`${signal}: publishing offline and flushing the queue`);
    void (async () => {
      let code = 0;
      try {
        await lab.stop(10_000);
        const alarmsActive = alarms.active().length;
        // Closed before the sessions: ending them is not a clear of every alarm to tell.
        alarmLog.close();
        alarms.close();
        await owner.close();
        await Promise.all(boards.map((b) => b.close()));
        const s = lab.status();
        process.stdout.write(
          `${JSON.stringify({ stopped: true, published: s.published, queued: s.queued, dropped: s.dropped, setAside: s.setAside?.count ?? 0, telemetry: lab.telemetryCounts(), alarms: alarmLog.raised, alarmsActive })}\n`,
        );
      } catch (e) {
        err(`error while stopping: ${e instanceof Error ? e.message : String(e)}`);
        code = 1;
      }
      if (emmcRoot) rmSync(emmcRoot, { recursive: true, force: true });
      process.exit(code);
    })();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  await new Promise<never>(() => {});
}
