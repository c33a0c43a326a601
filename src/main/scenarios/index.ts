// The scenario runner's public API: `import { openBench, runScenario } from '…/src/main/scenarios'`.
export { Board, openBench, type SingleStep } from './bench';
export {
  runScenario,
  reportName,
  stepTitle,
  type RunOptions,
  type ScenarioReport,
  type StepReport,
} from './run';
export { junitXml } from './junit';
export { TargetError } from './targets';
export { loadScenario, type Scenario, type ScenarioProblem } from '../../shared/scenarios/load';
export type * from './types';
