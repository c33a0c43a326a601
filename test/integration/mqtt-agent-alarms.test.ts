// `npm run agent` with alarm rules against a real Mosquitto: the app's alarm service, headless, raises an alarm the
// virtual board trips by itself (its die is always above 5 °C), logs it, and publishes it on …/alarm and …/alarms.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../src/main/core/settings-store';
import { Mosquitto } from '../support/mosquitto';
import { Collector } from '../support/mqtt-collector';
import { root, startCli, tempDir } from '../support/processes';
import { until } from '../support/wait';

interface AgentReady {
  bench: string;
  pid: number;
  rules: number;
  alarms: number;
  boards: Array<{ id: string; name: string; topic: string }>;
}

const warmRule = {
  id: 'warm',
  name: 'Warm die',
  kind: 'threshold',
  series: 'junctionTemp',
  above: 5,
  severity: 'critical',
};
const rulesFile = (rules: unknown[]) =>
  JSON.stringify({ format: 'nucleo-mem-alarm-rules', version: 1, rules }, null, 2);

let broker: Mosquitto;
let dir: string;
beforeAll(async () => {
  broker = await Mosquitto.start();
  dir = tempDir('agent-alarms-');
});
afterAll(async () => {
  await broker?.close();
  rmSync(dir, { recursive: true, force: true });
});

const agentArgs = (bench: string, configDir: string, extra: string[] = []) => [
  'agent',
  ...['--mqtt', broker.url, '--bench', bench, '--virtual', '1', '--telemetry-ms', '100'],
  ...['--config-dir', configDir, ...extra],
];

describe('npm run agent with alarm rules', () => {
  it('raises the rules file’s alarm without a screen, logs and publishes it, and stops with exit 0', async () => {
    const file = join(dir, 'lab.alarms.json');
    writeFileSync(file, rulesFile([warmRule]));
    const sub = await Collector.start(broker.url, 'nucleo-mem/agent-al/#');
    const agent = await startCli<AgentReady>(
      agentArgs('agent-al', tempDir('agent-al-config-'), ['--rules', file]),
    );
    let out = '';
    agent.child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    try {
      expect(agent.ready).toMatchObject({ rules: 1, alarms: 0 });
      const base = 'nucleo-mem/agent-al/virtual-1';
      await until(() => sub.last(`${base}/alarm`), 'the raise on …/alarm', 30_000);
      expect(sub.last(`${base}/alarm`)).toMatchObject({
        kind: 'raised',
        ruleId: 'warm',
        ruleName: 'Warm die',
        ruleKind: 'threshold',
        severity: 'critical',
        boardId: 'virtual-1',
        subject: 'junctionTemp',
      });
      expect(sub.last(`${base}/alarm`)!.value).toBeGreaterThan(5);
      await until(
        () => (sub.last(`${base}/alarms`) as unknown as unknown[] | undefined)?.length === 1,
        'the retained list of one',
      );
      await until(
        () => /alarm raised: Warm die \(critical\) on virtual-1: /.test(agent.stderr()),
        'the log line',
      );
    } finally {
      expect(await agent.stop('SIGTERM')).toBe(0);
      await sub.close();
    }
    const last = JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(last).toMatchObject({ stopped: true, queued: 0, alarms: 1, alarmsActive: 1 });
    // Stopped cleanly: the board is no longer watched, its retained list says none.
    const late = await Collector.start(broker.url, 'nucleo-mem/agent-al/virtual-1/alarms');
    await until(() => late.last('nucleo-mem/agent-al/virtual-1/alarms'), 'the retained list');
    expect(late.last('nucleo-mem/agent-al/virtual-1/alarms')).toEqual([]);
    await late.close();
  });

  it('uses the rules saved in the config folder when no --rules is given', async () => {
    const configDir = tempDir('agent-as-config-');
    new SettingsStore(configDir).set({ alarmRules: [{ ...warmRule, id: 'saved', name: 'Saved warm' }] });
    const sub = await Collector.start(broker.url, 'nucleo-mem/agent-as/virtual-1/alarm');
    const agent = await startCli<AgentReady>(agentArgs('agent-as', configDir));
    try {
      expect(agent.ready).toMatchObject({ rules: 1 });
      await until(() => sub.last('nucleo-mem/agent-as/virtual-1/alarm'), 'the raise', 30_000);
      expect(sub.last('nucleo-mem/agent-as/virtual-1/alarm')).toMatchObject({ ruleId: 'saved' });
    } finally {
      expect(await agent.stop('SIGTERM')).toBe(0);
      await sub.close();
      rmSync(configDir, { recursive: true, force: true });
    }
  });

  it('refuses a bad rules file before starting, in one line that says what and where, exit 2', () => {
    const refused = (file: string) => {
      const r = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          join(root, 'src/main/cli/main.ts'),
          ...agentArgs('agent-ab', dir, ['--rules', file]),
        ],
        { cwd: root, encoding: 'utf8', timeout: 60_000 },
      );
      expect(r.status, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      return r.stderr.trim();
    };
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    expect(
      refused(write('broken.json', '{\n  "format": "nucleo-mem-alarm-rules",\n  "version": 1,,\n}')),
    ).toMatch(/^error: --rules .*broken\.json: The rules file is not valid JSON at line 3, column 16: /);
    expect(refused(write('wrong.json', rulesFile([{ ...warmRule, above: 'hot' }])))).toMatch(
      /^error: --rules .*wrong\.json: .*rule 1 \(id "warm"\): "above" must be a number/,
    );
    expect(refused(join(dir, 'missing.json'))).toMatch(/--rules .*missing\.json: there is no such file$/);
    // Three processes started one after the other: generous on a loaded machine.
  }, 240_000);
});
