// The Scenarios page's part of the contract (docs/scenarios.md): the example files, checking a file's text, and
// running it on a watched board through the app's own link of that board, with each step's result as it ends.
import { z } from 'zod';
import { command, event, res } from '../define';

/** An example scenario shipped with the app (examples/scenarios). */
export interface ScenarioExample {
  /** The file's name ("led-round-trip.yaml"). */
  readonly fileName: string;
  /** The scenario's own name, from its `name:`. */
  readonly name: string;
  readonly text: string;
}

/** A problem of a file, where it is (1-based line and column). */
export interface ScenarioProblemView {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** One step as the file lists it (a repeat counts as one, its steps inside it). */
export interface ScenarioStepView {
  /** Position in the file's list: "3", "4.2" for a step inside a repeat. */
  readonly index: string;
  readonly line: number;
  readonly column: number;
  readonly kind: string;
  readonly title: string;
}

/** A file's text checked: its steps, or its problems by line and column. */
export type ScenarioCheck =
  | {
      readonly ok: true;
      readonly name: string;
      readonly steps: readonly ScenarioStepView[];
      /** The file's `vars` with their values as written (as text), which a run may override. */
      readonly vars: Readonly<Record<string, string>>;
    }
  | { readonly ok: false; readonly problems: readonly ScenarioProblemView[] };

/** How a step stands: running while it runs, then how it ended. */
export type ScenarioStepStatus = 'running' | 'passed' | 'failed' | 'skipped';

/** One step of a run, as it starts and again as it ends. */
export interface ScenarioStepEvent {
  readonly runId: string;
  readonly boardId: string;
  /** 0-based order of the step in the run (repeats unrolled): its start and end share it. */
  readonly seq: number;
  readonly index: string;
  readonly line: number;
  readonly column: number;
  readonly kind: string;
  readonly title: string;
  /** Repeat iterations in words ("iteration 2/5"), empty outside a repeat. */
  readonly iterations: string;
  readonly status: ScenarioStepStatus;
  /** What was seen; on a failure what was expected and what was seen; on a skip why. Empty while running. */
  readonly message: string;
  /** ms since the epoch. */
  readonly startedAt: number;
  /** How long it took (0 while running). */
  readonly ms: number;
}

/** A run that ended. */
export interface ScenarioDone {
  readonly runId: string;
  readonly boardId: string;
  readonly name: string;
  /** The board in words ("Virtual board (virtual)"). */
  readonly board: string;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly startedAt: number;
  readonly ms: number;
  /** True when the user stopped it. */
  readonly stopped: boolean;
  /** The JUnit XML of the run, to download. */
  readonly junit: string;
  /** A name for the JUnit file ("led-round-trip.junit.xml"). */
  readonly junitFileName: string;
}

/** A board's current or last run, as the core keeps it (the last run per board), for a page that opens late. */
export interface ScenarioRunState {
  readonly runId: string;
  readonly boardId: string;
  readonly name: string;
  /** The board in words ("Virtual board (virtual)"). */
  readonly board: string;
  readonly state: 'running' | 'done' | 'stopped';
  /** Each step's latest state, by its order in the run (`seq`). */
  readonly steps: readonly ScenarioStepEvent[];
  /** The end (counts and JUnit) once the run ended; absent while it runs. */
  readonly done?: ScenarioDone;
}

const text = z.string().max(2_000_000);
const id = z.string().min(1).max(400);

export const scenariosCommands = {
  /** The example files shipped with the app. */
  'scenarios:examples': command(z.object({}).strict(), res<readonly ScenarioExample[]>()),
  /** Checks a file's text: its steps, or its problems by line and column. */
  'scenarios:check': command(z.object({ text }).strict(), res<ScenarioCheck>()),
  /**
   * Runs a file's text on a watched board (one run at a time per board). `vars` override the file's variables.
   * The steps then come as `scenarios:step` events and the end as `scenarios:done`.
   */
  'scenarios:run': command(
    z
      .object({
        text,
        boardId: id,
        vars: z.record(z.string().min(1).max(100), z.string().max(10_000)).optional(),
        fileName: z.string().max(400).optional(),
      })
      .strict(),
    res<{ readonly runId: string; readonly name: string; readonly board: string }>(),
  ),
  /** The board's current or last run (null when none ran since the app started), to show and then follow. */
  'scenarios:state': command(z.object({ boardId: id }).strict(), res<ScenarioRunState | null>()),
  /** Stops a run: the step under way is reported as stopped, the rest as not run. */
  'scenarios:stop': command(z.object({ runId: id }).strict(), res<{ readonly stopped: boolean }>()),
};

export const scenariosEvents = {
  'scenarios:step': event<ScenarioStepEvent>(),
  'scenarios:done': event<ScenarioDone>(),
};
