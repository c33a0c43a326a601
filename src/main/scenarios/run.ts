// Runs a scenario file's steps on a board, repeats unrolled, and reports each one as it ends. After a failure the
// remaining steps are not run (they would test a board already off the path) and are reported as skipped.
import type { LocatedStep, Scenario } from '../../shared/scenarios/load';
import type { Board, SingleStep } from './bench';
import type { StepResult } from './types';

/** One step as run: where it is in the file, which repeat iteration, and how it went. */
export interface StepReport {
  /** Position in the file's step list ("3", "4.2" for a step inside a repeat). */
  readonly index: string;
  /** 1-based line and column of the step in the file. */
  readonly line: number;
  readonly column: number;
  readonly kind: SingleStep['kind'];
  /** The step's name, or a short summary of what it does. */
  readonly title: string;
  /** Repeat iterations around the step, outermost first: [{ n: 2, of: 5 }]. */
  readonly iterations: readonly { readonly n: number; readonly of: number }[];
  readonly result: StepResult;
}

/** A whole run. */
export interface ScenarioReport {
  readonly name: string;
  readonly board: string;
  readonly startedAt: number;
  readonly ms: number;
  readonly steps: readonly StepReport[];
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

export interface RunOptions {
  /** Hears each step as it ends. */
  readonly onStep?: (report: StepReport) => void;
}

/** Runs every step of `scenario` on `board` (a Board from openBench; only `perform` and `info` are used). */
export async function runScenario(
  scenario: Scenario,
  board: Pick<Board, 'perform' | 'info'>,
  options: RunOptions = {},
): Promise<ScenarioReport> {
  const startedAt = Date.now();
  const steps: StepReport[] = [];
  let failedAt: StepReport | undefined;
  const walk = async (list: readonly LocatedStep[], iterations: StepReport['iterations']): Promise<void> => {
    for (const step of list) {
      if (step.kind === 'repeat') {
        for (let n = 1; n <= step.args.times; n++)
          await walk(step.args.steps as readonly LocatedStep[], [...iterations, { n, of: step.args.times }]);
        continue;
      }
      const result: StepResult = failedAt
        ? {
            status: 'skipped',
            message: `not run: step ${failedAt.index} (line ${failedAt.line}) failed before it`,
            ms: 0,
            startedAt: Date.now(),
          }
        : await board.perform(step);
      const report: StepReport = {
        index: step.index,
        line: step.line,
        column: step.column,
        kind: step.kind,
        title: step.name ?? stepTitle(step),
        iterations,
        result,
      };
      if (result.status === 'failed' && !failedAt) failedAt = report;
      steps.push(report);
      options.onStep?.(report);
    }
  };
  await walk(scenario.steps, []);
  const count = (s: StepResult['status']) => steps.filter((x) => x.result.status === s).length;
  return {
    name: scenario.name,
    board: board.info.label,
    startedAt,
    ms: Date.now() - startedAt,
    steps,
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
  };
}

/** A step in a few words: "led yellow on", "expect led-status", "http GET /". */
export function stepTitle(step: SingleStep): string {
  switch (step.kind) {
    case 'led':
      return `led ${step.args.led} ${step.args.state ? 'on' : 'off'}`;
    case 'send':
      return step.args.raw ? `send raw frame (opcode ${step.args.raw.opcode})` : 'send';
    case 'expect':
      return `expect ${step.args.type ?? 'message'}`;
    case 'telemetry':
      return 'telemetry';
    case 'http':
      return `http ${step.args.get !== undefined ? `GET ${step.args.get}` : `HEAD ${step.args.head ?? ''}`}`;
    case 'ftp': {
      const a = step.args;
      return a.put !== undefined
        ? `ftp put ${a.put}`
        : a.get !== undefined
          ? `ftp get ${a.get}`
          : a.list !== undefined
            ? `ftp list ${a.list}`
            : `ftp delete ${a.delete ?? ''}`;
    }
    case 'serial':
      return `serial /${step.args.match}/`;
    case 'fault':
      return `fault ${step.args.kind}`;
    case 'link':
      return `link ${step.args.state}`;
    case 'ws-client':
      return `ws-client ${step.args.expect}`;
    case 'mark':
      return `mark "${step.args}"`;
    default:
      return step.kind;
  }
}

/** The step's name with its repeat iterations: "led yellow on [iteration 2/5]". */
export function reportName(r: StepReport): string {
  const it = r.iterations.map((i) => `iteration ${i.n}/${i.of}`).join(', ');
  return `${r.index} ${r.title}${it ? ` [${it}]` : ''}`;
}
