import { describe, expect, it } from 'vitest';
import { fakeBridge, settle } from '../../../../../test/support/fake-bridge';
import type { AlarmCapture, AlarmRecord, AlarmsState } from '../../../../shared/bridge/contracts/alarms';
import type { AlarmRule } from '../../../../shared/alarms/rules';
import { fail, ok } from '../../../../shared/result';
import { AlarmsStore, type Notifier, type NotifyPermission } from './alarms-store';

const alarm = (over: Partial<AlarmRecord> = {}): AlarmRecord => ({
  id: 'virtual/hot/1000',
  ruleId: 'hot',
  ruleName: 'Too hot',
  ruleKind: 'threshold',
  severity: 'critical',
  boardId: 'virtual',
  boardName: 'Virtual board',
  raisedAt: 1000,
  message: 'junctionTemp 91.2 °C above 85',
  subject: 'junctionTemp',
  value: 91.2,
  ...over,
});
const state = (active: AlarmRecord[], unacknowledged = active.length): AlarmsState => ({
  active,
  recent: active,
  unacknowledged,
});
const rule = (over: Partial<AlarmRule> = {}): AlarmRule =>
  ({
    id: 'hot',
    name: 'Too hot',
    board: '*',
    enabled: true,
    severity: 'critical',
    forS: 0,
    kind: 'threshold',
    series: 'junctionTemp',
    above: 85,
    hysteresis: 1,
    ...over,
  }) as AlarmRule;
const capture = (over: Partial<AlarmCapture> = {}): AlarmCapture => ({
  id: 'c1',
  alarmId: 'virtual/hot/1000',
  boardId: 'virtual',
  ruleName: 'Too hot',
  t: 1000,
  fromT: 0,
  toT: 2000,
  folder: '2026-12-07T21-00-00 virtual Too hot',
  files: [],
  state: 'writing',
  ...over,
});

/** A core with one raised alarm, one rule and no bundles; `set-rules` and `import-rules` keep what they are given. */
function core(transport: 'browser' | 'electron' = 'browser') {
  let rules: AlarmRule[] = [rule()];
  const f = fakeBridge((name, req) => {
    const r = req as { rules?: AlarmRule[]; id?: string; all?: boolean; text?: string };
    switch (name) {
      case 'alarms:state':
        return ok(state([alarm()]));
      case 'alarms:rules':
        return ok({ rules, problems: [] });
      case 'alarms:captures':
        return ok([]);
      case 'alarms:set-rules':
        rules = r.rules!;
        return ok({ rules, problems: [] });
      case 'alarms:ack':
        return ok(state([alarm({ ackedAt: 2000 })], 0));
      case 'alarms:import-rules':
        return r.text === 'bad'
          ? fail('BAD_REQUEST', 'The file is not a rules file: rules[0].name: Give the rule a name.')
          : ok({ rules: [...rules, rule({ id: 'cold' })], problems: [] });
      case 'alarms:export-rules':
        return ok({ fileName: 'bench.alarms.json', text: '{}' });
      case 'alarms:capture-zip':
        return ok({ download: '/download/abc', bytes: 10, fileName: 'c1.zip' });
      case 'alarms:capture-show':
        return ok({ shown: true });
    }
    return fail('BAD_REQUEST', name);
  }, transport);
  return { ...f, rules: () => rules };
}

function fakeNotifier(start: NotifyPermission = 'default') {
  let permission = start;
  const shown: Array<{ title: string; body: string }> = [];
  const notifier: Notifier = {
    permission: () => permission,
    request: () => Promise.resolve((permission = 'granted')),
    show: (title, body) => shown.push({ title, body }),
  };
  return { notifier, shown, revoke: () => (permission = 'denied') };
}

describe('AlarmsStore', () => {
  it('asks the alarms, rules and bundles when first listened to, follows their events, and stops when nobody listens', async () => {
    const c = core();
    const store = new AlarmsStore(c.bridge);
    const off = store.subscribe(() => {});
    await settle();
    expect(c.asked.map((a) => a.name).sort()).toEqual(['alarms:captures', 'alarms:rules', 'alarms:state']);
    expect(store.snapshot().state?.unacknowledged).toBe(1);
    expect(store.snapshot().rules?.rules.map((r) => r.id)).toEqual(['hot']);
    expect(store.snapshot().captures).toEqual([]);

    c.emit('alarms:changed', state([], 0));
    expect(store.snapshot().state).toEqual(state([], 0));
    c.emit('alarms:rules-changed', { rules: [], problems: ['Rule 2 was kept aside: no name.'] });
    expect(store.snapshot().rules?.problems).toEqual(['Rule 2 was kept aside: no name.']);
    off();
    expect(c.listening()).toBe(0);
  });

  it('keeps an event newer than the answer to the question asked before it', async () => {
    const c = core();
    const store = new AlarmsStore(c.bridge);
    store.subscribe(() => {});
    c.emit('alarms:changed', state([], 0));
    await settle();
    expect(store.snapshot().state).toEqual(state([], 0));
  });

  it("says the core's words when it cannot be asked", async () => {
    const { bridge } = fakeBridge(() => fail('UNAVAILABLE', 'Alarms are not part of this build yet.'));
    const store = new AlarmsStore(bridge);
    store.subscribe(() => {});
    await settle();
    expect(store.snapshot().error).toBe('Alarms are not part of this build yet.');
    expect(store.snapshot().state).toBeUndefined();
  });

  it('keeps the alarms and rules when only the capture bundles cannot be listed, and says why apart', async () => {
    const c = core();
    const { bridge } = fakeBridge((name, req) =>
      name === 'alarms:captures'
        ? fail('UNAVAILABLE', 'Alarm capture bundles are not part of this build yet.')
        : c.bridge.invoke(name as 'alarms:state', req as Record<string, never>),
    );
    const store = new AlarmsStore(bridge);
    store.subscribe(() => {});
    await settle();
    await settle();
    expect(store.snapshot().error).toBeUndefined();
    expect(store.snapshot().state?.active).toHaveLength(1);
    expect(store.snapshot().capturesError).toBe('Alarm capture bundles are not part of this build yet.');
  });

  it('asks again once the page has the core back (events were missed meanwhile)', async () => {
    const c = core();
    let follow: ((s: { kind: 'open'; since: number } | { kind: 'connecting' }) => void) | undefined;
    const store = new AlarmsStore({ ...c.bridge, onState: (l) => ((follow = l), () => undefined) });
    store.subscribe(() => {});
    await settle();
    const before = c.asked.length;
    follow!({ kind: 'open', since: 1 });
    expect(c.asked.length).toBe(before);
    follow!({ kind: 'connecting' });
    follow!({ kind: 'open', since: 2 });
    await settle();
    expect(c.asked.slice(before).map((a) => a.name)).toContain('alarms:state');
  });

  it('acknowledges one alarm or all, and shows the answer at once', async () => {
    const c = core();
    const store = new AlarmsStore(c.bridge);
    store.subscribe(() => {});
    await settle();
    expect(await store.ack('virtual/hot/1000')).toBeUndefined();
    expect(store.snapshot().state?.unacknowledged).toBe(0);
    expect(await store.ackAll()).toBeUndefined();
    expect(c.asked.filter((a) => a.name === 'alarms:ack').map((a) => a.request)).toEqual([
      { id: 'virtual/hot/1000' },
      { all: true },
    ]);
  });

  it('saves an edited rule in its place, adds a new one, turns one off and deletes one', async () => {
    const c = core();
    const store = new AlarmsStore(c.bridge);
    store.subscribe(() => {});
    await settle();
    await store.saveRule(rule({ id: 'cold', name: 'Too cold', above: undefined, below: 5 }));
    expect(c.rules().map((r) => r.id)).toEqual(['hot', 'cold']);
    await store.saveRule(rule({ id: 'very-hot', above: 95 }), 'hot');
    expect(c.rules().map((r) => r.id)).toEqual(['very-hot', 'cold']);
    await store.setEnabled('cold', false);
    expect(c.rules().map((r) => r.enabled)).toEqual([true, false]);
    await store.deleteRule('very-hot');
    expect(c.rules().map((r) => r.id)).toEqual(['cold']);
    expect(store.snapshot().rules?.rules.map((r) => r.id)).toEqual(['cold']);
  });

  it('changes no rule before the kept ones were read (it would replace them all)', async () => {
    const { bridge, asked } = fakeBridge(() => new Promise(() => undefined));
    const store = new AlarmsStore(bridge);
    store.subscribe(() => {});
    expect(await store.saveRule(rule({ id: 'cold' }))).toBe(
      'The rules have not been read from the bench yet; try again in a moment.',
    );
    expect(await store.deleteRule('hot')).toBeDefined();
    expect(await store.setEnabled('hot', false)).toBeDefined();
    expect(asked.filter((a) => a.name === 'alarms:set-rules')).toEqual([]);
  });

  it("imports a rules file's text, and says what is wrong with a bad one", async () => {
    const c = core();
    const store = new AlarmsStore(c.bridge);
    store.subscribe(() => {});
    await settle();
    expect(await store.importRules('bad', false)).toBe(
      'The file is not a rules file: rules[0].name: Give the rule a name.',
    );
    expect(await store.importRules('{"format":"nucleo-mem-alarm-rules"}', true)).toBeUndefined();
    expect(c.asked.filter((a) => a.name === 'alarms:import-rules').at(-1)?.request).toEqual({
      text: '{"format":"nucleo-mem-alarm-rules"}',
      replace: true,
    });
    expect(store.snapshot().rules?.rules.map((r) => r.id)).toEqual(['hot', 'cold']);
    expect(await store.exportRules()).toEqual(ok({ fileName: 'bench.alarms.json', text: '{}' }));
  });

  it('puts a new bundle first and updates a known one in its place', async () => {
    const c = core();
    const store = new AlarmsStore(c.bridge);
    store.subscribe(() => {});
    await settle();
    c.emit('alarms:capture', capture());
    c.emit('alarms:capture', capture({ id: 'c2' }));
    c.emit('alarms:capture', capture({ state: 'done', files: [{ name: 'telemetry.csv', bytes: 300 }] }));
    expect(store.snapshot().captures?.map((x) => [x.id, x.state])).toEqual([
      ['c2', 'writing'],
      ['c1', 'done'],
    ]);
  });

  it('downloads a bundle as a zip in browser mode, shows its folder in the desktop app', async () => {
    const web = new AlarmsStore(core().bridge);
    expect(web.canShowFolder).toBe(false);
    expect(await web.captureZip('c1')).toEqual(
      ok({ download: '/download/abc', bytes: 10, fileName: 'c1.zip' }),
    );
    const desk = new AlarmsStore(core('electron').bridge);
    expect(desk.canShowFolder).toBe(true);
    expect(await desk.showCapture('c1')).toBeUndefined();
  });

  it('shows a notification per raise in browser mode once allowed, and none before or after it is taken back', async () => {
    const c = core();
    const n = fakeNotifier();
    const store = new AlarmsStore(c.bridge, n.notifier);
    store.subscribe(() => {});
    await settle();
    expect(store.snapshot().notify).toBe('default');
    c.emit('alarms:transition', { kind: 'raised', alarm: alarm() });
    expect(n.shown).toEqual([]);
    expect(await store.allowNotifications()).toBe('granted');
    expect(store.snapshot().notify).toBe('granted');
    c.emit('alarms:transition', { kind: 'raised', alarm: alarm() });
    c.emit('alarms:transition', { kind: 'cleared', alarm: alarm({ clearedAt: 3000 }) });
    expect(n.shown).toEqual([{ title: 'Too hot', body: 'Virtual board: junctionTemp 91.2 °C above 85' }]);
    n.revoke();
    c.emit('alarms:transition', { kind: 'raised', alarm: alarm() });
    expect(n.shown).toHaveLength(1);
    expect(store.snapshot().notify).toBe('denied');
  });

  it('leaves notifications to the core in the desktop app', async () => {
    const c = core('electron');
    const n = fakeNotifier('granted');
    const store = new AlarmsStore(c.bridge, n.notifier);
    store.subscribe(() => {});
    await settle();
    expect(store.snapshot().notify).toBe('desktop');
    c.emit('alarms:transition', { kind: 'raised', alarm: alarm() });
    expect(n.shown).toEqual([]);
    expect(await store.allowNotifications()).toBe('unsupported');
  });
});
