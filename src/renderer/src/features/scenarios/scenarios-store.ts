// The Scenarios page's data layer: every `scenarios:*` request and event. It holds the file being edited (an
// example's text or a file opened on the page), its check (steps, or problems by line and column), and the run the
// page started, with each step's latest state by its order in the run. Events of a run may come before the answer
// that names it (its first step starts at once): they are kept aside until the answer comes.
import type { BenchApi } from '../../../../shared/bridge/contract';
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
}

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
};

export class ScenariosStore {
  private snap: ScenariosSnapshot = EMPTY;
  private readonly listeners = new Set<() => void>();
  private offs: Array<() => void> = [];
  private early: Array<ScenarioStepEvent | ScenarioDone> = [];
  /** Count of texts set: an older check's answer does not overwrite a newer text's. */
  private edits = 0;

  constructor(private readonly bridge: Pick<BenchApi, 'invoke' | 'on'>) {}

  /** Listens to the store; the events are followed and the examples asked once while someone listens. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.offs.length === 0) {
      this.offs.push(
        this.bridge.on('scenarios:step', (e) => this.heard(e)),
        this.bridge.on('scenarios:done', (e) => this.heard(e)),
      );
      if (!this.snap.examples) void this.loadExamples();
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

  /** Puts an example's text in the editor. */
  pickExample(fileName: string): Promise<void> {
    const e = this.snap.examples?.find((x) => x.fileName === fileName);
    return e ? this.setText(e.text, e.fileName) : Promise.resolve();
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
    this.set({ starting: true, error: undefined });
    const r = await this.bridge.invoke('scenarios:run', {
      text: this.snap.text,
      boardId,
      ...(this.snap.fileName ? { fileName: this.snap.fileName } : {}),
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

/** The run with one more event: a step's new state in its place, or the end. */
function withEvent(run: ScenarioRunView, e: ScenarioStepEvent | ScenarioDone): ScenarioRunView {
  if (!('seq' in e)) return { ...run, done: e };
  const steps = run.steps.slice();
  steps[e.seq] = e;
  // A place skipped (an event lost) stays empty in the array; the page lists only the steps it has.
  return { ...run, steps };
}
