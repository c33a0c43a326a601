// The last scenario run of each board as the core saw it, so a page that opens (or reloads, or reconnects) while a
// run goes on, or after it, shows it and then follows its events: the events alone reach only pages listening then.
// Bounded: one run per board (a new run replaces the board's last), its steps by their order in the run.
import type {
  ScenarioDone,
  ScenarioRunState,
  ScenarioStepEvent,
} from '../../../shared/bridge/contracts/scenarios';

export class LastRuns {
  private readonly byBoard = new Map<string, ScenarioRunState>();

  /** A run began on a board: it replaces that board's last. */
  started(run: { runId: string; boardId: string; name: string; board: string }): void {
    this.byBoard.set(run.boardId, { ...run, state: 'running', steps: [] });
  }

  step(e: ScenarioStepEvent): void {
    const run = this.byBoard.get(e.boardId);
    if (run?.runId !== e.runId) return;
    const steps = run.steps.slice();
    steps[e.seq] = e;
    this.byBoard.set(e.boardId, { ...run, steps });
  }

  done(d: ScenarioDone): void {
    const run = this.byBoard.get(d.boardId);
    if (run?.runId !== d.runId) return;
    this.byBoard.set(d.boardId, { ...run, state: d.stopped ? 'stopped' : 'done', done: d });
  }

  /** The board's current or last run; its steps dense (a place never told is left out). */
  get(boardId: string): ScenarioRunState | undefined {
    const run = this.byBoard.get(boardId);
    return run && { ...run, steps: run.steps.filter((s) => s !== undefined) };
  }
}
