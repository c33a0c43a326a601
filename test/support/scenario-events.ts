// Step and end events of a scenario run as the core sends them, for the store's tests.
import type { ScenarioDone, ScenarioStepEvent } from '../../src/shared/bridge/contracts/scenarios';

export const stepEvent = (
  runId: string,
  seq: number,
  status: ScenarioStepEvent['status'],
): ScenarioStepEvent => ({
  runId,
  boardId: 'virtual',
  seq,
  index: String(seq + 1),
  line: 5 + seq,
  column: 5,
  kind: 'led',
  title: 'led yellow on',
  iterations: '',
  status,
  message: status === 'running' ? '' : 'seen',
  startedAt: 1000 + seq,
  ms: status === 'running' ? 0 : 12,
});

export const doneEvent = (runId: string, passed: number): ScenarioDone => ({
  runId,
  boardId: 'virtual',
  name: 'S',
  board: 'Virtual board (virtual)',
  passed,
  failed: 0,
  skipped: 0,
  startedAt: 1000,
  ms: 30,
  stopped: false,
  junit: '<testsuites/>',
  junitFileName: 's.junit.xml',
});
