// The Scenarios page's data layer: every `scenarios:*` request and event. It holds the file being edited (an
// example's text or a file opened on the page), its check (steps, or problems by line and column), and the run the
// page started, with each step's latest state by its order in the run. Events of a run may come before the answer
// that names it (its first step starts at once): they are kept aside until the answer comes. A page that opens late
// (a reload, a second window, the core reconnected) asks the core for the shown board's current or last run
// (`scenarios:state`) and follows it from there.
import type { BenchApi } from '../../../../shared/bridge/contract';
import type { BridgeState } from '../../bridge/web-bridge';
import type {
  ScenarioCheck,
  ScenarioDone,
  ScenarioExample,
  ScenarioStepEvent,
} from '../../../../shared/bridge/contracts/scenarios';

/** The run the page started. */
export interface ScenarioRunView {
  readonly runId: string;
  readonly boardId: string;
  readonly name: string;
  /** The board in words, as the core named it. */
  readonly board: string;
  /** Each step's latest state, by its order in the run. */
  readonly steps: readonly ScenarioStepEvent[];
  /** Set once the run ended. */
  readonly done: ScenarioDone | undefined;
}

/** What the page shows. */
export interface ScenariosSnapshot {
  /** The examples shipped with the app; undefined until the core answered. */
  readonly examples: readonly ScenarioExample[] | undefined;
  readonly text: string;
  /** The file's name (an example's, or the opened file's); undefined for text typed from nothing. */
  readonly fileName: string | undefined;
  /** The check of `text`; undefined until the core answered for this text. */
  readonly check: ScenarioCheck | undefined;
  readonly run: ScenarioRunView | undefined;
  /** True between asking for a run and its answer. */
  readonly starting: boolean;
  /** The core's words when a request failed. */
  readonly error: string | undefined;
  /** Values typed over the file's `vars` for the next run, by name. */
  readonly overrides: Readonly<Record<string, string>>;
}

/** What the store needs of the bridge; without `onState` the core is taken to be always there. */
export type ScenariosBridge = Pick<BenchApi, 'invoke' | 'on'> & {
  readonly onState?: (listener: (s: BridgeState) => void) => () => void;
};

/** Events kept aside for a run not yet named (bounded: a run's first steps only). */
const EARLY_KEPT = 200;

const EMPTY: ScenariosSnapshot = {
  examples: undefined,
  text: '',
  fileName: undefined,
  check: undefined,
  run: undefined,
  starting: false,
  error: undefined,
  overrides: {},
};

export class ScenariosStore {
  private snap: ScenariosSnapshot = EMPTY;
  private readonly listeners = new Set<() => void>();
  private offs: Array<() => void> = [];
  private early: Array<ScenarioStepEvent | ScenarioDone> = [];
  /** Count of texts set: an older check's answer does not overwrite a newer text's. */
  private edits = 0;
  /** The board the page shows, whose current or last run it loads. */
  private boardId: string | undefined;
  /** Count of loads asked: an older board's answer does not overwrite a newer one's. */
  private loads = 0;
  /** Whether the core was lost since it was last open (a reconnect asks for the run again). */
  private lost = false;

  constructor(private readonly bridge: ScenariosBridge) {}

  /** Listens to the store; the events are followed and the examples asked once while someone listens. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.offs.length === 0) {
      this.offs.push(
        this.bridge.on('scenarios:step', (e) => this.heard(e)),
        this.bridge.on('scenarios:done', (e) => this.heard(e)),
      );
      if (this.bridge.onState) this.offs.push(this.bridge.onState((st) => this.bridgeState(st)));
      if (!this.snap.examples) void this.loadExamples();
      if (this.boardId) void this.loadRun();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) for (const off of this.offs.splice(0)) off();
    };
  };

  readonly snapshot = (): ScenariosSnapshot => this.snap;

  async loadExamples(): Promise<void> {
    const r = await this.bridge.invoke('scenarios:examples', {});
    if (!r.ok) return this.set({ error: r.error.message });
    this.set({ examples: r.value });
  }

  /** The page shows this board: its current or last run is loaded and followed (a run of another board is not shown). */
  showBoard(boardId: string): Promise<void> {
    if (boardId === this.boardId) return Promise.resolve();
    this.boardId = boardId;
    if (this.snap.run && this.snap.run.boardId !== boardId) this.set({ run: undefined });
    return this.loadRun();
  }

  /** Asks the core for the shown board's current or last run, and merges it with the events heard meanwhile. */
  async loadRun(): Promise<void> {
    const boardId = this.boardId;
    if (!boardId) return;
    const load = ++this.loads;
    const r = await this.bridge.invoke('scenarios:state', { boardId });
    if (load !== this.loads || boardId !== this.boardId || !r.ok || !r.value) return;
    // A run the page is starting is named by its own answer.
    if (this.snap.starting) return;
    const { runId, name, board, steps, done } = r.value;
    let run: ScenarioRunView = { runId, boardId, name, board, steps: [], done: undefined };
    // The page's own view of that run may hold events newer than the answer: both are merged, the later state wins.
    const mine = this.snap.run?.runId === runId ? this.snap.run : undefined;
    for (const e of [
      ...steps,
      ...(done ? [done] : []),
      ...(mine?.steps ?? []),
      ...(mine?.done ? [mine.done] : []),
    ])
      if (e) run = withEvent(run, e);
    this.set({ run });
  }

  /** Sets a value over one of the file's `vars` for the next run (empty: the file's own value). */
  setOverride(name: string, value: string): void {
    this.set({ overrides: { ...this.snap.overrides, [name]: value } });
  }

  /** Puts an example's text in the editor. */
  pickExample(fileName: string): Promise<void> {
    const e = this.snap.examples?.find((x) => x.fileName === fileName);
    if (!e) return Promise.resolve();
    // Another file's variables are its own: values typed over the last one's do not carry over.
    this.set({ overrides: {} });
    return this.setText(e.text, e.fileName);
  }

  /** Sets the text (typed, or a file opened on the page) and checks it. */
  async setText(text: string, fileName = this.snap.fileName): Promise<void> {
    const edit = ++this.edits;
    // A finished run's results belong to the text it ran: another text shows its own steps, not run yet.
    const run = this.snap.run?.done ? undefined : this.snap.run;
    this.set({ text, fileName, check: undefined, run });
    const r = await this.bridge.invoke('scenarios:check', { text });
    if (edit !== this.edits) return;
    if (!r.ok) return this.set({ error: r.error.message });
    this.set({ check: r.value, error: undefined });
  }

  /** Runs the text on the board; the steps then come as events. */
  async run(boardId: string): Promise<void> {
    if (this.snap.starting || (this.snap.run && !this.snap.run.done)) return;
    this.early = [];
    const vars = runVars(this.snap.check, this.snap.overrides);
    this.set({ starting: true, error: undefined });
    const r = await this.bridge.invoke('scenarios:run', {
      text: this.snap.text,
      boardId,
      ...(this.snap.fileName ? { fileName: this.snap.fileName } : {}),
      ...(Object.keys(vars).length > 0 ? { vars } : {}),
    });
    if (!r.ok) return this.set({ starting: false, error: r.error.message });
    let run: ScenarioRunView = { ...r.value, boardId, steps: [], done: undefined };
    for (const e of this.early.filter((x) => x.runId === r.value.runId)) run = withEvent(run, e);
    this.early = [];
    this.set({ starting: false, run });
  }

  /** Stops the run under way. */
  async stop(): Promise<void> {
    const run = this.snap.run;
    if (!run || run.done) return;
    const r = await this.bridge.invoke('scenarios:stop', { runId: run.runId });
    if (!r.ok) this.set({ error: r.error.message });
  }

  private bridgeState(st: BridgeState): void {
    if (st.kind !== 'open') {
      this.lost = true;
      return;
    }
    // Events sent while the core was out of reach are lost: its own record of the run fills the gap.
    if (this.lost) void this.loadRun();
    this.lost = false;
  }

  private heard(e: ScenarioStepEvent | ScenarioDone): void {
    const run = this.snap.run;
    if (run && e.runId === run.runId) return this.set({ run: withEvent(run, e) });
    if (this.snap.starting && this.early.length < EARLY_KEPT) this.early.push(e);
  }

  private set(patch: Partial<ScenariosSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const l of [...this.listeners]) l();
  }
}

/** The values typed over the file's variables that differ from the file's own (empty ones are not typed). */
export function runVars(
  check: ScenarioCheck | undefined,
  overrides: Readonly<Record<string, string>>,
): Record<string, string> {
  if (!check?.ok) return {};
  return Object.fromEntries(
    Object.entries(overrides).filter(
      ([k, v]) => Object.hasOwn(check.vars, k) && v !== '' && v !== check.vars[k],
    ),
  );
}

/** The run with one more event: a step's new state in its place, or the end. An end is never undone by an older
 * event (a step told running after it was told passed, as a page that loaded the run and then hears the event). */
function withEvent(run: ScenarioRunView, e: ScenarioStepEvent | ScenarioDone): ScenarioRunView {
  if (!('seq' in e)) return { ...run, done: e };
  if (e.status === 'running' && run.steps[e.seq] && run.steps[e.seq]?.status !== 'running') return run;
  const steps = run.steps.slice();
  steps[e.seq] = e;
  // A place skipped (an event lost) stays empty in the array; the page lists only the steps it has.
  return { ...run, steps };
}
