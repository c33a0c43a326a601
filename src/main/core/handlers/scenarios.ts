import type { scenariosCommands } from '../../../shared/bridge/contracts/scenarios';
import type { LocatedStep } from '../../../shared/scenarios/load';
import { loadScenario } from '../../../shared/scenarios/load';
import { stepTitle } from '../../scenarios/run';
import type { SingleStep } from '../../scenarios/bench';
import type { FeatureHandlers } from '../dispatch';
import { readExamples } from '../scenarios/examples';
import type { ScenarioRuns } from '../scenarios/scenario-runs';

/** Handlers of the Scenarios page: the examples, checking a text, running it on a board, its state, stopping it. */
export function scenariosHandlers(
  runs: ScenarioRuns,
  examples: () => ReturnType<typeof readExamples> = () => readExamples(),
): FeatureHandlers<keyof typeof scenariosCommands> {
  return {
    'scenarios:examples': () => examples(),
    'scenarios:check': (req) => {
      const loaded = loadScenario(req.text);
      if (!loaded.ok) return { ok: false, problems: loaded.problems };
      return {
        ok: true,
        name: loaded.scenario.name,
        steps: listSteps(loaded.scenario.steps),
        vars: loaded.scenario.vars,
      };
    },
    'scenarios:run': (req) =>
      runs.start({
        text: req.text,
        boardId: req.boardId,
        ...(req.vars ? { vars: req.vars } : {}),
        ...(req.fileName !== undefined ? { fileName: req.fileName } : {}),
      }),
    'scenarios:state': (req) => runs.state(req.boardId) ?? null,
    'scenarios:stop': (req) => ({ stopped: runs.stop(req.runId) }),
  };
}

/** The file's steps as listed, a repeat's steps after it. */
function listSteps(steps: readonly LocatedStep[]): Array<{
  index: string;
  line: number;
  column: number;
  kind: string;
  title: string;
}> {
  return steps.flatMap((s) => {
    if (s.kind === 'repeat')
      return [
        {
          index: s.index,
          line: s.line,
          column: s.column,
          kind: 'repeat',
          title: s.name ?? `repeat ${s.args.times} times`,
        },
        ...listSteps(s.args.steps as readonly LocatedStep[]),
      ];
    const single: SingleStep = s;
    return [
      { index: s.index, line: s.line, column: s.column, kind: s.kind, title: s.name ?? stepTitle(single) },
    ];
  });
}
