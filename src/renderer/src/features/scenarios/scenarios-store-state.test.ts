// A page that opens late (reload, second window, reconnect) loads the shown board's run from the core and follows
// it; the variables typed on the page go with the run.
import { describe, expect, it } from 'vitest';
import type { ScenarioRunState, ScenarioStepEvent } from '../../../../shared/bridge/contracts/scenarios';
import { ok } from '../../../../shared/result';
import { fakeBridge, settle } from '../../../../../test/support/fake-bridge';
import type { BridgeState } from '../../bridge/web-bridge';
import { ScenariosStore } from './scenarios-store';
import { doneEvent, stepEvent } from '../../../../../test/support/scenario-events';

const step = stepEvent;
const done = (runId: string) => doneEvent(runId, 3);
const running = (runId: string, steps: ScenarioStepEvent[]): ScenarioRunState => ({
  runId,
  boardId: 'virtual',
  name: 'S',
  board: 'Virtual board (virtual)',
  state: 'running',
  steps,
});

describe('ScenariosStore on a page that opens while a run goes on', () => {
  it('loads the shown board’s run from the core and follows its events; a step told earlier does not go back', async () => {
    let state: ScenarioRunState | null = running('r1', [step('r1', 0, 'passed'), step('r1', 1, 'running')]);
    const fake = fakeBridge((name) => (name === 'scenarios:state' ? ok(state) : ok([])));
    const store = new ScenariosStore(fake.bridge);
    store.subscribe(() => undefined);
    await store.showBoard('virtual');
    expect(fake.asked).toContainEqual({ name: 'scenarios:state', request: { boardId: 'virtual' } });
    expect(store.snapshot().run?.steps.map((s) => s.status)).toEqual(['passed', 'running']);
    // An older event heard after the answer (step 0 starting) does not undo its end.
    fake.emit('scenarios:step', step('r1', 0, 'running'));
    fake.emit('scenarios:step', step('r1', 1, 'passed'));
    fake.emit('scenarios:step', step('r1', 2, 'passed'));
    fake.emit('scenarios:done', done('r1'));
    expect(store.snapshot().run?.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'passed']);
    expect(store.snapshot().run?.done?.passed).toBe(3);
    // Another board shown: its own (none) run, not this one.
    state = null;
    await store.showBoard('real-1');
    expect(store.snapshot().run).toBeUndefined();
  });

  it('asks again after the core was lost and is back, filling the steps it missed', async () => {
    let state: ScenarioRunState = running('r2', [step('r2', 0, 'running')]);
    let bridgeListener: (s: BridgeState) => void = () => undefined;
    const fake = fakeBridge((name) => (name === 'scenarios:state' ? ok(state) : ok([])));
    const store = new ScenariosStore({
      ...fake.bridge,
      onState: (l) => {
        bridgeListener = l;
        l({ kind: 'open', since: 1 });
        return () => undefined;
      },
    });
    store.subscribe(() => undefined);
    await store.showBoard('virtual');
    expect(store.snapshot().run?.steps.map((s) => s.status)).toEqual(['running']);
    bridgeListener({ kind: 'connecting' });
    state = {
      ...state,
      state: 'done',
      steps: [step('r2', 0, 'passed'), step('r2', 1, 'failed')],
      done: done('r2'),
    };
    bridgeListener({ kind: 'open', since: 2 });
    await settle();
    expect(store.snapshot().run?.steps.map((s) => s.status)).toEqual(['passed', 'failed']);
    expect(store.snapshot().run?.done?.junit).toBe('<testsuites/>');
  });
});

describe('ScenariosStore variables', () => {
  it('runs with the values typed over the file’s vars, leaving out empty and unchanged ones', async () => {
    const fake = fakeBridge((name) =>
      name === 'scenarios:check'
        ? ok({ ok: true, name: 'S', steps: [], vars: { roundTrip: '500ms', led: 'yellow', n: '2' } })
        : name === 'scenarios:run'
          ? ok({ runId: 'r3', name: 'S', board: 'B' })
          : ok([]),
    );
    const store = new ScenariosStore(fake.bridge);
    await store.setText('name: S\nsteps: []\n', 's.yaml');
    store.setOverride('roundTrip', '2ms');
    store.setOverride('led', 'yellow');
    store.setOverride('n', '');
    store.setOverride('unknown', 'x');
    expect(store.snapshot().overrides.roundTrip).toBe('2ms');
    await store.run('virtual');
    expect(fake.asked.at(-1)).toEqual({
      name: 'scenarios:run',
      request: {
        text: 'name: S\nsteps: []\n',
        boardId: 'virtual',
        fileName: 's.yaml',
        vars: { roundTrip: '2ms' },
      },
    });
  });
});
