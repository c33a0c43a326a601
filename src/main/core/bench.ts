import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PayloadOf } from '../../shared/bridge/contract';
import type { AppIdentity, BenchContext } from './context';
import { createDispatcher, type Dispatch, type Handlers } from './dispatch';
import { EventHub } from './event-hub';
import { FlightRecorder } from './flight/flight-recorder';
import { LongHistory } from './telemetry/long-history';
import { teeTaps } from './flight/flight-tap';
import { withFaultEvents } from './flight/fault-event';
import { TransferEvents, WireEvents } from './flight/bench-events';
import { BoardCaptures } from './frames/board-captures';
import { SenderSlot } from './frames/sender-slot';
import { appHandlers } from './handlers/app';
import { boardHandlers } from './handlers/board';
import { linksHandlers } from './handlers/links';
import type { BackoffOptions } from './links/backoff';
import type { DiscoveryTarget } from './links/discovery';
import { memoryHandlers } from './handlers/memory';
import { serialHandlers } from './handlers/serial';
import { telemetryHandlers } from './handlers/telemetry';
import type { VirtualBoardProvider } from './sessions/board-session';
import { SessionOwner } from './sessions/session-owner';
import { sessionsHandlers } from './handlers/sessions';
import { ProfileStore } from './links/profiles';
import { PoolStatusFeed } from './memory/pool-feed';
import { BoardConsoles, type BoardConsolesOptions } from './serial/board-consoles';
import { BoardSerial } from './serial/board-serial';
import { createFilesService, filesHandlers } from './handlers/files';
import type { FtpTargetProvider } from './files/target';
import { focusFtpTargets } from './files/focus-targets';
import { framesHandlers } from './handlers/frames';
import { downloadFor, hostHandlers, type HostAccess } from './handlers/host';
import { checkFolder } from './telemetry/files';
import { DownloadOffers } from './files/download-offers';
import { HostFolders, type HostDialogs } from './files/host-folders';
import { mqttHandlers } from './handlers/mqtt';
import { runsHandlers } from './handlers/runs';
import { alarmsHandlers } from './handlers/alarms';
import { alarmCapturesHandlers } from './handlers/alarm-captures';
import { benchCaptures } from './alarms/capture/bench-captures';
import type { CaptureService } from './alarms/capture/capture-service';
import { scenariosHandlers } from './handlers/scenarios';
import { ScenarioRuns } from './scenarios/scenario-runs';
import { benchAlarms, type BenchAlarms } from './alarms/bench-alarms';
import { IncrementalIndex } from './runs/incremental-index';
import { RunsService } from './runs/runs-service';
import { benchName, MqttService } from './mqtt/service';
import { SettingsStore } from './settings-store';
import { StateNotices } from './state-notices';
import { TelemetryService, type TelemetryServiceOptions } from './telemetry/service';
import { followFocus } from './telemetry/follow-focus';
import type { VirtualBoardDefaults } from './virtual-board';
import { VirtualFleet } from './virtual-fleet';

/** Where the core keeps things, and how it reports. */
export interface BenchOptions {
  /** Directory of settings.json. */
  readonly configDir: string;
  /** Directory for app data (virtual eMMC, recordings). Defaults to configDir. */
  readonly dataDir?: string;
  readonly identity: Omit<AppIdentity, 'startedAt'>;
  readonly log?: (message: string) => void;
  /** Heartbeat period in ms (0 disables). */
  readonly heartbeatMs?: number;
  /** Stand-ins for in-app virtual boards as their profiles' endpoint sources, by board id; undefined for a board:
   *  the app's own (tests, benchmarks: a board that must not run). */
  readonly virtualBoards?: (id: string) => VirtualBoardProvider | undefined;
  /** Preferred ports of the in-app virtual boards, the first to start while they are free takes them (default
   *  8080/8000/2121; 0: ports the OS picks). */
  readonly virtualPorts?: Pick<VirtualBoardDefaults, 'wsPort' | 'httpPort' | 'ftpPort'>;
  /** Serial port binding (tests inject @serialport/binding-mock); default: serialport's native binding. */
  readonly serialBinding?: BoardConsolesOptions['binding'];
  /** Select the saved board at start, opening its links (the virtual board starts then). Default true; tests of
   *  other features turn it off so no board runs behind them. */
  readonly connectOnStart?: boolean;
  /** Bounds of the telemetry pipeline and capture (defaults: 10 min at 1000 Hz). */
  readonly telemetry?: Pick<TelemetryServiceOptions, 'pipeline' | 'capture'>;
  /** Which FTP server the Files page browses; default: the selected board's (virtual or real). */
  readonly ftpTargets?: FtpTargetProvider;
  /** Where `links:discover` asks for boards (default: the mDNS and LLMNR multicast groups). */
  readonly discoveryTargets?: readonly DiscoveryTarget[];
  /** The boards' WebSocket reconnect pauses (tests stand in for a pause longer than a boot); default 1–15 s. */
  readonly wsBackoff?: BackoffOptions;
  /** The desktop app's native dialogs, which choose the host folders and files (absent in browser mode). */
  readonly hostDialogs?: HostDialogs;
}

/** The bench core: one per app session, transport-agnostic. */
export interface Bench {
  readonly dispatch: Dispatch;
  readonly hub: EventHub;
  /** Every board's serial console (a device, or a virtual board's UART), kept per board. */
  readonly serial: BoardConsoles;
  /** Telemetry pipeline, recorder and capture, fed by the links. */
  readonly telemetry: TelemetryService;
  /** Every virtual board inside the app, one per virtual profile. */
  readonly virtualBoards: VirtualFleet;
  /** Every board's frame log (a board's link feeds its raw bytes to its own), the composer's sender slot (the
   *  focused board's link sets its sender) and the board the pages show. */
  readonly frames: {
    readonly captures: BoardCaptures;
    readonly senders: SenderSlot;
    readonly focused: () => string | undefined;
  };
  /** Files offered to a browser-mode page as one-time downloads (served by the browser-mode server). */
  readonly downloads: DownloadOffers;
  /** The alarm capture bundles; `listen(alarmSource)` makes raises save them (docs/alarm-captures.md). */
  readonly captures: CaptureService;
  /** Every watched board's alarms (docs/alarms.md), and whether the desktop app notifies them. */
  readonly alarms: Pick<BenchAlarms, 'service' | 'notificationsOn'>;
  close(): Promise<void>;
}

/**
 * Builds the core. Every board, virtual or real, is reached over real sockets by the same links; the features
 * downstream (telemetry, memory, frames) are fed from those links, never from a private path.
 */
export async function createBench(options: BenchOptions): Promise<Bench> {
  const log = options.log ?? ((m: string) => console.error(m));
  const hub = new EventHub(log);
  const closers: Array<() => Promise<void> | void> = [];
  const dataDir = options.dataDir ?? options.configDir;
  mkdirSync(dataDir, { recursive: true });
  const notices = new StateNotices();
  const ctx: BenchContext = {
    hub,
    settings: new SettingsStore(options.configDir, log, notices.add),
    identity: { ...options.identity, startedAt: Date.now() },
    dataDir,
    log,
    onClose: (fn) => closers.push(fn),
  };

  const fleet = new VirtualFleet(hub, {
    dataDir,
    ...(options.virtualPorts ? { ports: options.virtualPorts } : {}),
  });
  const telemetry = new TelemetryService({
    ...options.telemetry,
    dataDir,
    log,
    emitBatch: (batch) => hub.emit('telemetry:batch', batch),
    emitRecording: (status) => hub.emit('telemetry:recording', status),
  });
  const poolFeed = new PoolStatusFeed();
  const frameCaptures = new BoardCaptures();
  const senders = new SenderSlot();
  const profiles = new ProfileStore(options.configDir, log, notices.add);
  // A session file of every watched board's run (docs/sessions.md), fed by the hooks below.
  const flight = new FlightRecorder({
    root: join(options.configDir, 'sessions'),
    enabled: () => ctx.settings.get().sessionRecorder,
    budgetBytes: () => ctx.settings.get().sessionBudgetGB * 1e9,
    board: (id) => profiles.get(id),
    benchVersion: ctx.identity.version,
    log,
    tell: notices.add,
    index: () => new IncrementalIndex(log),
  });
  // The shown board's history reaches back into its session file being written (docs/sessions.md §Long history).
  const longHistory = new LongHistory(telemetry.pipeline, (id) => flight.liveIndex(id));
  closers.push(() => longHistory.close());
  // The HTTP and FTP wires' changes and the FTP transfers that end, into each board's session file.
  const wireEvents = new WireEvents((id, e) => flight.event(id, e));
  const transferEvents = new TransferEvents((id, e) => flight.event(id, e));
  // The kept runs: the Sessions page lists, reviews and marks them.
  const runs = new RunsService({
    root: join(options.configDir, 'sessions'),
    markersDir: join(options.configDir, 'session-markers'),
    recorder: flight,
    board: (id) => profiles.get(id),
    recording: () => ctx.settings.get().sessionRecorder,
    budgetBytes: () => ctx.settings.get().sessionBudgetGB * 1e9,
    emitChanged: (state) => hub.emit('runs:changed', state),
    emitMarker: (m) => hub.emit('runs:marker', m),
    log,
  });
  closers.push(() => runs.dispose());
  // Scenario runs from the Scenarios page, on the app's own link of each board (docs/scenarios.md §In the app).
  const scenarios: ScenarioRuns = new ScenarioRuns({
    session: (id) => sessions.get(id),
    probeNow: (id) => sessions.probeNow(id),
    tap: (fn) => telemetry.pipeline.tap(fn),
    virtual: (id) => (profiles.get(id)?.kind === 'virtual' ? fleet.get(id)?.running : undefined),
    record: (id, e, t) => flight.event(id, e, t),
    emitStep: (e) => hub.emit('scenarios:step', e),
    emitDone: (e) => hub.emit('scenarios:done', e),
    log,
  });
  closers.push(() => scenarios.close());
  const serial = new BoardConsoles({
    // The serial lines go to the page and into the board's session file.
    hub: {
      emit: (name, payload) => {
        hub.emit(name, payload);
        if (name !== 'serial:lines') return;
        flight.serialLines(payload as PayloadOf<'serial:lines'>);
        scenarios.serialLines(payload as PayloadOf<'serial:lines'>);
      },
    },
    log,
    ...(options.serialBinding ? { binding: options.serialBinding } : {}),
  });

  // One board session per watched board; the owner creates and ends them and says which one the pages show.
  const sessions: SessionOwner = new SessionOwner({
    getProfile: (id) => profiles.get(id),
    emit: (name, payload) => hub.emit(name, payload),
    virtual: (id) =>
      profiles.get(id)?.kind !== 'virtual' ? undefined : (options.virtualBoards?.(id) ?? fleet.provider(id)),
    // Each received message is parsed once, by the pipeline; the others read that parse.
    onMessage: (boardId, record) => {
      const parsed = telemetry.pipeline.ingest(boardId, record);
      flight.message(boardId, record, parsed, telemetry.pipeline.rebootOf(record));
      if (!parsed) return;
      if (parsed.kind === 'other' && parsed.type === 'pool-status') poolFeed.push(boardId, parsed.value);
    },
    parsed: (record) => telemetry.pipeline.parsedOf(record),
    rebootOf: (record) => telemetry.pipeline.rebootOf(record),
    onLinkEvent: (boardId, mark) => {
      telemetry.pipeline.mark(boardId, mark);
      flight.linkEvent(boardId, mark);
      if (mark.kind === 'disconnect') poolFeed.forget(boardId);
    },
    frameTapFor: (id) => teeTaps(frameCaptures.tapFor(id), flight.tapFor(id)),
    onWire: (id, wire, state) => {
      wireEvents.wire(id, wire, state);
      scenarios.wire(id, wire, state);
    },
    onSender: (sender, reason, boardId) => senders.set(sender, reason, boardId),
    history: (id) => telemetry.pipeline.historyOf(id),
    // The focus has one owner; it is saved here only so the next start opens the same board.
    persistFocus: (id) => {
      if (ctx.settings.get().selectedBoard !== id) ctx.settings.set({ selectedBoard: id });
    },
    recording: (id) => telemetry.recording(id),
    ...(options.wsBackoff ? { wsOptions: { backoff: options.wsBackoff } } : {}),
    log,
  });
  // Every watched board's alarms: rules from the settings, raises and clears as events and as markers in its run.
  const alarms = benchAlarms({
    settings: ctx.settings,
    emit: (name, payload) => hub.emit(name, payload),
    boards: { list: () => sessions.list(), onChange: (cb) => sessions.onSessionsChanged(cb) },
    pools: poolFeed,
    record: (id, e, t) => flight.event(id, e, t),
    bench: () => benchName(ctx.settings.get().mqtt),
    log,
    tell: notices.add,
  });
  const mqttService = new MqttService({
    hub,
    settings: ctx.settings,
    dataDir,
    configDir: options.configDir,
    log,
    tell: notices.add,
    boards: { list: () => sessions.list(), onChange: (cb) => sessions.onSessionsChanged(cb) },
    topics: profiles,
    alarms: alarms.service,
  });
  const onFocus = (cb: (id: string | undefined) => void) => sessions.onFocus(cb);
  // Each board's console takes its input while the board has a session (its UART, or its profile's device).
  const boardSerial = new BoardSerial({
    consoles: serial,
    sessions,
    onFocus,
    profile: (id) => profiles.get(id),
    uartOf: (id) => (profiles.get(id)?.kind === 'virtual' ? fleet.service(id) : undefined),
    setWire: (id, state) => sessions.setSerialWire(id, state),
    log,
  });
  // A removed board's frame log goes with its profile.
  closers.push(profiles.onRemoved(() => frameCaptures.retain((id) => profiles.get(id) !== undefined)));
  const stopTelemetryFollow = followFocus(telemetry.pipeline, {
    onFocus,
    isWatched: (id) => sessions.get(id) !== undefined,
    exists: (id) => profiles.get(id) !== undefined,
    onRemoved: (cb) => profiles.onRemoved(cb),
  });
  // A virtual board that booted (started, rebooted) is tried at once on every link, or reopened where it moved.
  const stopBootFollow = fleet.onBoot((id, boot) => {
    if (boot.moved) void sessions.restart(id);
    else sessions.probeNow(id);
  });

  // Closed last-registered-first: links before the services they feed, the virtual board last.
  closers.push(() => fleet.close());
  closers.push(() => telemetry.close());
  closers.push(() => serial.dispose());
  closers.push(() => boardSerial.close());
  closers.push(stopBootFollow);
  closers.push(stopTelemetryFollow);
  // The session files close after the sessions, so each run's last events are in its file.
  closers.push(() => flight.close());
  closers.push(flight.follow(sessions));
  closers.push(
    sessions.onSessionsChanged(() => wireEvents.retain(new Set(sessions.list().map((s) => s.id)))),
  );
  closers.push(() => sessions.close());
  closers.push(() => alarms.close());
  // Before the links close: the watched boards and the bench say offline, the queue drains.
  closers.push(() => mqttService.close());
  void mqttService.start();

  // The board selector follows the focus wherever it moved from (selector, Lab page, a new or removed board).
  closers.push(
    sessions.onFocus((id) => hub.emit('links:profiles', { profiles: profiles.list(), selectedId: id })),
  );
  if (options.connectOnStart !== false) {
    const saved = ctx.settings.get().selectedBoard;
    const first = profiles.get(saved) ? saved : profiles.list()[0]?.id;
    if (first !== undefined) void sessions.select(first);
  }

  // Evidence bundles around alarms (docs/alarm-captures.md); the bundles still waiting are written before the links close.
  const captures = benchCaptures({
    configDir: options.configDir,
    pipeline: telemetry.pipeline,
    frames: frameCaptures,
    serial,
    poolFeed,
    board: (id) => profiles.get(id),
    units: () => ctx.settings.get().telemetryUnits,
    markers: (id) => runs.liveMarkersOf(id),
    flight,
    hub,
    named: (alarmId, captureId) => alarms.service.setCapture(alarmId, captureId),
    application: `${ctx.identity.name} ${ctx.identity.version}`,
    log,
  });
  closers.push(captures.close);
  closers.push(captures.service.listen(alarms.service));

  const host: HostAccess = {
    folders: new HostFolders(dataDir, options.configDir, log),
    offers: new DownloadOffers(),
    ...(options.hostDialogs ? { dialogs: options.hostDialogs } : {}),
  };
  // The Files page follows the focus and the virtual boards' restarts (files/focus-targets.ts).
  const ftpTargets = () => {
    const t = focusFtpTargets({
      onFocus,
      profile: (id) => profiles.get(id),
      fleet,
      storage: (id, waitMs) => poolFeed.storage(id, waitMs),
    });
    closers.push(() => t.close());
    return t;
  };
  const handlers: Handlers = {
    ...appHandlers(ctx, notices),
    ...hostHandlers(host),
    ...linksHandlers(ctx, profiles, sessions, fleet, options.discoveryTargets),
    ...sessionsHandlers(sessions, profiles),
    ...withFaultEvents(
      boardHandlers(ctx, fleet, (id) => profiles.get(id)),
      flight,
    ),
    ...telemetryHandlers(
      ctx,
      telemetry,
      host,
      (id) => profiles.get(id),
      (id) => runs.liveMarkersOf(id),
      longHistory,
    ),
    ...memoryHandlers(ctx, {
      // A what-if applies to the virtual board it names, never to another one standing in for a real board.
      virtualMemory: (id) =>
        profiles.get(id)?.kind === 'virtual' ? fleet.get(id)?.running?.memory : undefined,
      feed: poolFeed,
      focus: onFocus,
      isVirtual: (id) => profiles.get(id)?.kind === 'virtual',
      virtualRunning: (id) => fleet.get(id)?.running !== undefined,
    }),
    ...serialHandlers(
      ctx,
      { consoles: serial, focused: () => sessions.selectedId, nameOf: (id) => profiles.get(id)?.name },
      host,
    ),
    ...framesHandlers(ctx, {
      captures: frameCaptures,
      senders,
      focused: () => sessions.selectedId,
      describe: (id) => {
        const p = profiles.get(id);
        return p ? { name: p.name, host: p.host } : undefined;
      },
    }),
    ...mqttHandlers(mqttService, options.hostDialogs),
    ...runsHandlers(runs, options.hostDialogs, ctx.identity.version, {
      folder: (dir) =>
        checkFolder(host.folders.confine('recordings', dir ?? host.folders.current('recordings'))),
      units: () => ctx.settings.get().telemetryUnits,
      download: (call, file) => downloadFor(host, call, file),
    }),
    ...filesHandlers(
      createFilesService(ctx, options.ftpTargets ?? ftpTargets(), (s) => transferEvents.snapshot(s)),
      host,
    ),
    ...alarmsHandlers(alarms.service, alarms.rules),
    ...alarmCapturesHandlers(captures.service, host),
    ...scenariosHandlers(scenarios),
  };

  const heartbeatMs = options.heartbeatMs ?? 1000;
  if (heartbeatMs > 0) {
    let seq = 0;
    const timer = setInterval(() => hub.emit('app:heartbeat', { seq: ++seq, at: Date.now() }), heartbeatMs);
    timer.unref();
    closers.push(() => clearInterval(timer));
  }

  return {
    dispatch: createDispatcher(handlers, log),
    hub,
    serial,
    telemetry,
    virtualBoards: fleet,
    frames: { captures: frameCaptures, senders, focused: () => sessions.selectedId },
    downloads: host.offers,
    captures: captures.service,
    alarms,
    async close() {
      for (const fn of closers.reverse()) {
        try {
          await fn();
        } catch (err) {
          log(`cleanup failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    },
  };
}
