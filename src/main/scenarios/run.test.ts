import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../shared/scenarios/load';
import type { SingleStep } from './bench';
import { reportName, runScenario } from './run';
import type { BoardInfo, StepResult } from './types';

const info: BoardInfo = {
  kind: 'virtual',
  label: 'fake board',
  ws: 'ws://x',
  http: 'http://x',
  ftp: 'ftp://x',
  serial: { ok: true },
};

/** A board that fails the steps `failing` names (by mark text) and passes the rest. */
function fakeBoard(failing: string[]) {
  const ran: string[] = [];
  return {
    ran,
    board: {
      info,
      perform: async (step: SingleStep): Promise<StepResult> => {
        const what = step.kind === 'mark' ? step.args : step.kind;
        ran.push(what);
        return {
          status: failing.includes(what) ? 'failed' : 'passed',
          message: what,
          ms: 1,
          startedAt: 0,
        };
      },
    },
  };
}

const scenario = (text: string) => {
  const r = loadScenario(text);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.scenario;
};

describe('runScenario', () => {
  const file = `name: Runs
steps:
  - mark: a
  - repeat:
      times: 2
      steps:
        - mark: b
        - repeat: { times: 2, steps: [ { mark: c } ] }
  - mark: d
`;

  it('unrolls repeats, naming each step with its iterations, and counts the results', async () => {
    const { board, ran } = fakeBoard([]);
    const seen: string[] = [];
    const r = await runScenario(scenario(file), board, { onStep: (s) => seen.push(reportName(s)) });
    expect(ran).toEqual(['a', 'b', 'c', 'c', 'b', 'c', 'c', 'd']);
    expect(seen).toEqual([
      '1 mark "a"',
      '2.1 mark "b" [iteration 1/2]',
      '2.2.1 mark "c" [iteration 1/2, iteration 1/2]',
      '2.2.1 mark "c" [iteration 1/2, iteration 2/2]',
      '2.1 mark "b" [iteration 2/2]',
      '2.2.1 mark "c" [iteration 2/2, iteration 1/2]',
      '2.2.1 mark "c" [iteration 2/2, iteration 2/2]',
      '3 mark "d"',
    ]);
    expect(r).toMatchObject({ name: 'Runs', board: 'fake board', passed: 8, failed: 0, skipped: 0 });
  });

  it('runs nothing after a failure and reports each step left as skipped, "not run"', async () => {
    const { board, ran } = fakeBoard(['b']);
    const r = await runScenario(scenario(file), board);
    expect(ran).toEqual(['a', 'b']);
    expect(r.steps.map((s) => s.result.status)).toEqual([
      'passed',
      'failed',
      'skipped',
      'skipped',
      'skipped',
      'skipped',
      'skipped',
      'skipped',
    ]);
    expect(r.steps[2]?.result.message).toBe('not run: step 2.1 (line 7) failed before it');
    expect(r).toMatchObject({ passed: 1, failed: 1, skipped: 6 });
  });
});
