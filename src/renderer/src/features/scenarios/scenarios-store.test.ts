import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../../shared/result';
import { fakeBridge, settle } from '../../../../../test/support/fake-bridge';
import { ScenariosStore } from './scenarios-store';
import { doneEvent, stepEvent } from '../../../../../test/support/scenario-events';

const step = stepEvent;
const done = (runId: string) => doneEvent(runId, 2);

describe('ScenariosStore', () => {
  it('asks for the examples once listened to, and puts an example in the editor with its check', async () => {
    const fake = fakeBridge((name) =>
      name === 'scenarios:examples'
        ? ok([{ fileName: 'a.yaml', name: 'A', text: 'name: A\nsteps: []\n' }])
        : name === 'scenarios:check'
          ? ok({ ok: true, name: 'A', steps: [] })
          : ok(null),
    );
    const store = new ScenariosStore(fake.bridge);
    const off = store.subscribe(() => undefined);
    await settle();
    expect(store.snapshot().examples?.map((e) => e.fileName)).toEqual(['a.yaml']);
    await store.pickExample('a.yaml');
    expect(store.snapshot()).toMatchObject({ fileName: 'a.yaml', text: 'name: A\nsteps: []\n' });
    expect(store.snapshot().check).toEqual({ ok: true, name: 'A', steps: [] });
    off();
    expect(fake.listening()).toBe(0);
  });

  it('keeps only the newest text’s check when answers come out of order', async () => {
    const answers: Array<(v: unknown) => void> = [];
    const fake = fakeBridge((name) =>
      name === 'scenarios:check' ? new Promise((r) => answers.push(r)) : ok([]),
    );
    const store = new ScenariosStore(fake.bridge);
    const first = store.setText('one');
    const second = store.setText('two');
    answers[1]!(ok({ ok: false, problems: [{ line: 2, column: 3, message: 'new' }] }));
    answers[0]!(ok({ ok: true, name: 'old', steps: [] }));
    await Promise.all([first, second]);
    expect(store.snapshot().text).toBe('two');
    expect(store.snapshot().check).toEqual({ ok: false, problems: [{ line: 2, column: 3, message: 'new' }] });
  });

  it('follows its run: events that came before the answer, each step replaced in its place, then the end', async () => {
    let answer: (v: unknown) => void = () => undefined;
    const fake = fakeBridge((name) => (name === 'scenarios:run' ? new Promise((r) => (answer = r)) : ok([])));
    const store = new ScenariosStore(fake.bridge);
    store.subscribe(() => undefined);
    const started = store.run('virtual');
    expect(store.snapshot().starting).toBe(true);
    // The first step starts before the core's answer names the run; another run's event is not taken.
    fake.emit('scenarios:step', step('r1', 0, 'running'));
    fake.emit('scenarios:step', step('other', 0, 'failed'));
    answer(ok({ runId: 'r1', name: 'S', board: 'Virtual board (virtual)' }));
    await started;
    expect(store.snapshot().run?.steps.map((s) => s.status)).toEqual(['running']);
    fake.emit('scenarios:step', step('r1', 0, 'passed'));
    fake.emit('scenarios:step', step('r1', 1, 'running'));
    fake.emit('scenarios:step', step('other', 1, 'failed'));
    expect(store.snapshot().run?.steps.map((s) => s.status)).toEqual(['passed', 'running']);
    fake.emit('scenarios:step', step('r1', 1, 'passed'));
    fake.emit('scenarios:done', done('r1'));
    expect(store.snapshot().run).toMatchObject({ runId: 'r1', board: 'Virtual board (virtual)' });
    expect(store.snapshot().run?.done?.passed).toBe(2);
    expect(store.snapshot().starting).toBe(false);
  });

  it('says the core’s words when a run is refused, and stops its own run by id', async () => {
    const fake = fakeBridge((name) =>
      name === 'scenarios:run'
        ? fail('CONFLICT', 'A scenario is already running on Virtual board: stop it first.')
        : ok({ stopped: true }),
    );
    const store = new ScenariosStore(fake.bridge);
    await store.run('virtual');
    expect(store.snapshot()).toMatchObject({
      starting: false,
      run: undefined,
      error: 'A scenario is already running on Virtual board: stop it first.',
    });
    const fake2 = fakeBridge((name) =>
      name === 'scenarios:run' ? ok({ runId: 'r9', name: 'S', board: 'B' }) : ok({ stopped: true }),
    );
    const s2 = new ScenariosStore(fake2.bridge);
    await s2.run('virtual');
    await s2.stop();
    expect(fake2.asked.at(-1)).toEqual({ name: 'scenarios:stop', request: { runId: 'r9' } });
  });
});

describe('ScenariosStore and a new text', () => {
  it('drops a finished run’s results when the text changes, and keeps a run under way', async () => {
    const fake = fakeBridge((name) =>
      name === 'scenarios:run'
        ? ok({ runId: 'r1', name: 'S', board: 'B' })
        : ok({ ok: true, name: 'S', steps: [] }),
    );
    const store = new ScenariosStore(fake.bridge);
    store.subscribe(() => undefined);
    await store.run('virtual');
    await store.setText('name: S\nsteps: []\n');
    expect(store.snapshot().run?.runId).toBe('r1');
    fake.emit('scenarios:done', done('r1'));
    await store.setText('name: T\nsteps: []\n');
    expect(store.snapshot().run).toBeUndefined();
  });
});
