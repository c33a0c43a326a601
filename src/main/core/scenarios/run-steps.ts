// A run's steps as the page and the session see them: where a step was written, the event of its end, and the
// fault it injects into a virtual board.
import type { SingleStep } from '../../scenarios/bench';
import type { StepReport } from '../../scenarios/run';
import type { ScenarioStepEvent } from '../../../shared/bridge/contracts/scenarios';
import type { LocatedStep } from '../../../shared/scenarios/load';

/** The event of a step that ended. */
export function stepEvent(
  base: { readonly runId: string; readonly boardId: string },
  seq: number,
  r: StepReport,
): ScenarioStepEvent {
  return {
    ...base,
    seq,
    index: r.index,
    line: r.line,
    column: r.column,
    kind: r.kind,
    title: r.title,
    iterations: r.iterations.map((i) => `iteration ${i.n}/${i.of}`).join(', '),
    status: r.result.status,
    message: r.result.message,
    startedAt: r.result.startedAt,
    ms: r.result.ms,
  };
}

/** Where the runner's step was written (runScenario hands the file's located steps to perform). */
export function located(step: SingleStep): { index: string; line: number; column: number; name?: string } {
  const s: Partial<LocatedStep> = step;
  return {
    index: typeof s.index === 'string' ? s.index : '',
    line: typeof s.line === 'number' ? s.line : 0,
    column: typeof s.column === 'number' ? s.column : 0,
    ...(typeof s.name === 'string' ? { name: s.name } : {}),
  };
}

/** The fault a step injects into a virtual board (a real board skips them), or undefined. */
export function faultOf(step: SingleStep, board: 'virtual' | 'real'): string | undefined {
  if (board !== 'virtual') return undefined;
  if (step.kind === 'fault') return step.args.kind;
  return step.kind === 'reboot' || step.kind === 'power-cycle' ? step.kind : undefined;
}
