// Scenario runs in the app (docs/scenarios.md §In the app): a file's text run on a watched board through the app's
// own link of that board, one run at a time per board, each step told to the page as it starts and ends, and the
// run's start, end and failed steps written into the board's live session as bench markers.
import { randomUUID } from 'node:crypto';
import { AppLink } from '../../scenarios/app-link';
import { Board, type SingleStep } from '../../scenarios/bench';
import { junitXml } from '../../scenarios/junit';
import { runScenario, stepTitle, type StepReport } from '../../scenarios/run';
import type { StepResult } from '../../scenarios/types';
import type { RawSender } from '../frames/raw-sender';
import { BenchError } from '../../../shared/result';
import type { BoardProfile, LedStatus, WireState } from '../../../shared/bridge/contracts/links';
import type {
  ScenarioDone,
  ScenarioRunState,
  ScenarioStepEvent,
} from '../../../shared/bridge/contracts/scenarios';
import { loadScenario, type Scenario } from '../../../shared/scenarios/load';
import type { MessageRecord } from '../../../shared/recording/format';
import type { SerialLinesBatch } from '../../../shared/bridge/contracts/serial';
import type { BenchEventMessage } from '../../../shared/session-file/messages';
import { appTarget, type RunningVirtual } from './app-target';
import { hostFileProblem } from './host-files';
import { LastRuns } from './last-runs';
import { faultOf, located, stepEvent } from './run-steps';

/** A watched board's session, as a run reads it. */
export interface RunSession {
  readonly profile: BoardProfile;
  readonly sender: { readonly sender: RawSender | undefined; readonly reason?: string | undefined };
  readonly state: { readonly ws: WireState };
  readonly ledStatus: LedStatus | undefined;
}

/** What the runs reach of the app. */
export interface ScenarioRunsDeps {
  session(boardId: string): RunSession | undefined;
  /** Asks the board's session to try its links now. */
  probeNow(boardId: string): void;
  /** Every WebSocket message of every watched board (the telemetry pipeline's tap); returns its removal. */
  tap(fn: (boardId: string, record: MessageRecord) => void): () => void;
  /** The in-app virtual board of a virtual profile, while it runs. */
  virtual(boardId: string): RunningVirtual | undefined;
  /** Writes an event into the board's live session file (a marker the Sessions page lists). */
  record(boardId: string, e: BenchEventMessage, t?: number): void;
  emitStep(e: ScenarioStepEvent): void;
  emitDone(e: ScenarioDone): void;
  log(message: string): void;
}

interface Active {
  readonly runId: string;
  readonly link: AppLink;
  /** The run's listeners of the board's serial lines. */
  readonly serial: Set<(line: string) => void>;
  stop(): void;
}

/** The runs under way, one per board. */
export class ScenarioRuns {
  private readonly active = new Map<string, Active>();
  private readonly last = new LastRuns();
  private readonly deps: ScenarioRunsDeps;

  constructor(deps: ScenarioRunsDeps) {
    // Every step and end told to the pages is also kept as the board's last run (`state`).
    this.deps = {
      ...deps,
      emitStep: (e) => {
        this.last.step(e);
        deps.emitStep(e);
      },
      emitDone: (e) => {
        this.last.done(e);
        deps.emitDone(e);
      },
    };
  }

  /** The board's current or last run, for a page that opens late (`scenarios:state`). */
  state(boardId: string): ScenarioRunState | undefined {
    return this.last.get(boardId);
  }

  /** The board's WebSocket wire changed (the sessions' wire hook). */
  wire(boardId: string, wire: 'ws' | 'http' | 'ftp', state: WireState): void {
    if (wire === 'ws') this.active.get(boardId)?.link.wireChanged(state);
  }

  /** A batch of a board's serial console lines (the console's own separators are not the board's lines). */
  serialLines(batch: SerialLinesBatch): void {
    const run = this.active.get(batch.boardId);
    if (!run) return;
    for (const line of batch.lines) if (!line.mark) for (const l of run.serial) l(line.text);
  }

  /** Starts a run; resolves once it is under way (the steps follow as events). */
  start(req: { text: string; boardId: string; vars?: Record<string, string>; fileName?: string }): {
    runId: string;
    name: string;
    board: string;
  } {
    const loaded = loadScenario(req.text, req.vars ?? {});
    if (!loaded.ok)
      throw new BenchError(
        'BAD_REQUEST',
        `The scenario has problems: ${loaded.problems.map((p) => `line ${p.line}:${p.column} ${p.message}`).join('; ')}`,
      );
    const hostFile = hostFileProblem(loaded.scenario.steps);
    if (hostFile) throw new BenchError('BAD_REQUEST', hostFile);
    const { boardId } = req;
    const session = this.deps.session(boardId);
    if (!session)
      throw new BenchError('NOT_FOUND', 'That board is not watched: choose it in the board selector first.');
    if (this.active.has(boardId))
      throw new BenchError(
        'CONFLICT',
        `A scenario is already running on ${session.profile.name}: stop it first.`,
      );
    const serial = new Set<(line: string) => void>();
    const target = appTarget({
      profile: session.profile,
      running: session.profile.kind === 'virtual' ? this.deps.virtual(boardId) : undefined,
      serialLines: (l) => {
        serial.add(l);
        return () => serial.delete(l);
      },
    });
    if (typeof target === 'string') throw new BenchError('UNAVAILABLE', target);

    const untap: Array<() => void> = [];
    const link = new AppLink(
      {
        // The session's current self: a board that moved ports gets a new session (SessionOwner.restart).
        sender: () =>
          this.deps.session(boardId)?.sender ?? {
            sender: undefined,
            reason: 'the board is no longer watched',
          },
        wire: () => this.deps.session(boardId)?.state.ws ?? session.state.ws,
        retryNow: () => this.deps.probeNow(boardId),
      },
      () => untap.forEach((f) => f()),
    );
    untap.push(this.deps.tap((id, r) => id === boardId && link.record(r)));

    const runId = randomUUID();
    const name = loaded.scenario.name;
    const board = new Board(target, link, {
      onMark: (m) =>
        this.deps.record(boardId, { kind: 'marker', note: m.text, source: 'bench', detail: m.text }, m.t),
    });
    // The board greeted the app's link with its led-status when it opened, long before this run: the LEDs as the
    // app last heard them stand for that greeting, so a scenario that begins by expecting it reads the same here.
    // (Recorded after the Board is made: its first reading starts where the link's log was then.)
    const leds = session.ledStatus;
    if (leds)
      link.record({
        t: leds.at,
        dir: 'rx',
        op: 1,
        data: JSON.stringify({ type: 'led-status', data: { yellowLed: leds.yellow, redLed: leds.red } }),
      });
    let stopped = false;
    let wake: () => void = () => undefined;
    const stopping = new Promise<void>((r) => (wake = r));
    this.active.set(boardId, {
      runId,
      link,
      serial,
      stop: () => {
        stopped = true;
        wake();
      },
    });
    this.last.started({ runId, boardId, name, board: target.info.label });
    this.deps.record(boardId, { kind: 'scenario', phase: 'start', detail: `Scenario "${name}" started` });
    void this.drive(
      { runId, boardId, name, scenario: loaded.scenario, board, fileName: req.fileName },
      {
        stopped: () => stopped,
        stopping,
      },
    );
    return { runId, name, board: target.info.label };
  }

  /** Stops the board's run with this id; false when no such run is under way. */
  stop(runId: string): boolean {
    for (const a of this.active.values())
      if (a.runId === runId) {
        a.stop();
        return true;
      }
    return false;
  }

  /** Stops every run (the app closes). */
  close(): void {
    for (const a of this.active.values()) a.stop();
  }

  private async drive(
    run: {
      runId: string;
      boardId: string;
      name: string;
      scenario: Scenario;
      board: Board;
      fileName: string | undefined;
    },
    stop: { stopped: () => boolean; stopping: Promise<void> },
  ): Promise<void> {
    const { runId, boardId, board } = run;
    let seq = 0;
    const base = { runId, boardId };
    const performer = {
      info: board.info,
      perform: async (step: SingleStep): Promise<StepResult> => {
        // After a stop the steps left are told once, as not run (never as running first).
        if (stop.stopped())
          return { status: 'skipped', message: 'not run: the run was stopped', ms: 0, startedAt: Date.now() };
        const at = located(step);
        this.deps.emitStep({
          ...base,
          seq,
          index: at.index,
          line: at.line,
          column: at.column,
          kind: step.kind,
          title: at.name ?? stepTitle(step),
          iterations: '',
          status: 'running',
          message: '',
          startedAt: Date.now(),
          ms: 0,
        });
        const startedAt = Date.now();
        const fault = faultOf(step, board.info.kind);
        // A fault the run injects is in the board's session as the Board page's buttons' are (flight/fault-event.ts).
        if (fault)
          this.deps.record(boardId, {
            kind: 'fault',
            fault,
            detail: `Fault injected by scenario "${run.name}" step ${at.index} (line ${at.line}): ${fault}`,
          });
        const halted = stop.stopping.then((): StepResult => ({
          status: 'skipped',
          message: 'stopped by the user while it ran',
          ms: Date.now() - startedAt,
          startedAt,
        }));
        return Promise.race([board.perform(step), halted]);
      },
    };
    const onStep = (r: StepReport) => {
      const e = stepEvent(base, seq++, r);
      this.deps.emitStep(e);
      if (e.status === 'failed')
        this.deps.record(
          boardId,
          {
            kind: 'scenario',
            phase: 'failed',
            detail: `Scenario "${run.name}" step ${e.index} (line ${e.line}) failed: ${e.message}`,
          },
          e.startedAt,
        );
    };
    try {
      const report = await runScenario(run.scenario, performer, { onStep });
      const file = run.fileName ?? 'scenario.yaml';
      this.deps.record(boardId, {
        kind: 'scenario',
        phase: 'end',
        detail: `Scenario "${run.name}" ${stop.stopped() ? 'stopped' : 'ended'}: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`,
      });
      this.deps.emitDone({
        ...base,
        name: report.name,
        board: report.board,
        passed: report.passed,
        failed: report.failed,
        skipped: report.skipped,
        startedAt: report.startedAt,
        ms: report.ms,
        stopped: stop.stopped(),
        junit: junitXml([{ report, file }]),
        junitFileName: `${file.replace(/\.(ya?ml)$/i, '') || 'scenario'}.junit.xml`,
      });
    } catch (err) {
      this.deps.log(`scenario run: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.active.delete(boardId);
      await board.close().catch(() => undefined);
    }
  }
}
