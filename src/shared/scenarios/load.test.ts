import { describe, expect, it } from 'vitest';
import { loadScenario } from './load';

const ok = (text: string, vars = {}) => {
  const r = loadScenario(text, vars);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.scenario;
};
const problems = (text: string) => {
  const r = loadScenario(text);
  if (r.ok) throw new Error('expected problems');
  return r.problems;
};

describe('loadScenario', () => {
  it('reads every step kind with its defaults and where it was written', () => {
    const s = ok(`name: All steps
steps:
  - led: { led: yellow, state: on }
  - expect: { type: led-status, where: "yellowLed == true", within: 500ms }
  - telemetry: { for: 3s, period: { min: 800ms, max: 1.2s }, ranges: { temperature: [20, 85] } }
  - http: { get: /index.html, body: { contains: NUCLEO } }
  - ftp: { put: /x.txt, text: hello }
  - serial: { match: "^WS: " }
  - reboot:
  - fault: { kind: temperature-spike, deltaC: 30 }
  - link: { state: open }
  - ws-client: { expect: waits }
  - wait: 2s
  - name: note it
    mark: done
`);
    expect(s.steps.map((x) => x.kind)).toEqual([
      'led',
      'expect',
      'telemetry',
      'http',
      'ftp',
      'serial',
      'reboot',
      'fault',
      'link',
      'ws-client',
      'wait',
      'mark',
    ]);
    expect(s.steps[0]).toMatchObject({
      args: { led: 'yellow', state: true },
      line: 3,
      column: 5,
      index: '1',
    });
    expect(s.steps[1]).toMatchObject({ args: { within: 500 } });
    expect(s.steps[2]).toMatchObject({ args: { for: 3000, period: { min: 800, max: 1200 } } });
    expect(s.steps[3]).toMatchObject({ args: { status: 200, within: 5000 } });
    expect(s.steps[6]).toMatchObject({ args: { within: 20_000 } });
    expect(s.steps[11]).toMatchObject({ kind: 'mark', name: 'note it', args: 'done', line: 14 });
  });

  it('replaces variables, the command line over the file, keeping a whole-variable value typed', () => {
    const s = ok(
      `name: v
vars: { led: yellow, limit: 85 }
steps:
  - led: { led: "\${led}", state: on }
  - telemetry: { for: 1s, ranges: { temperature: [0, "\${limit}"] }, where: "temperature < \${limit}" }
`,
      { led: 'red' },
    );
    expect(s.steps[0]?.args).toEqual({ led: 'red', state: true });
    expect(s.steps[1]?.args).toMatchObject({ ranges: { temperature: [0, 85] }, where: 'temperature < 85' });
  });

  it('unrolls nothing but keeps a repeat with its own steps and nested indexes', () => {
    const s = ok(`name: r
steps:
  - repeat:
      times: 3
      steps:
        - led: { led: red, state: on }
        - wait: 100ms
`);
    const r = s.steps[0];
    expect(r?.kind).toBe('repeat');
    if (r?.kind !== 'repeat') return;
    expect(r.args.times).toBe(3);
    expect(r.args.steps.map((x) => x.kind)).toEqual(['led', 'wait']);
    expect(r.args.steps[1]).toMatchObject({ index: '1.2', line: 7 });
  });

  it('points at the line and column of a wrong value, an unknown field and an unknown step', () => {
    const p = problems(`name: broken
steps:
  - wait: 2s
  - led: { led: green, state: on }
  - expect: { type: led-status, within: soon }
  - http: { get: /, stauts: 404 }
  - blink: 3
`);
    expect(p).toEqual([
      {
        line: 4,
        column: 17,
        message: expect.stringMatching(/Step 2 \(led\), "led": should be one of "yellow", "red"/),
      },
      {
        line: 5,
        column: 41,
        message: expect.stringMatching(/Step 3 \(expect\), "within": "soon" is not a duration/),
      },
      { line: 6, column: 11, message: expect.stringMatching(/unknown field "stauts"/) },
      {
        line: 7,
        column: 5,
        message: expect.stringMatching(/Step 5 has "blink"; a step is one of: led, send/),
      },
    ]);
  });

  it('tells a YAML syntax error, a bad expression and a missing variable with their places', () => {
    expect(problems('name: x\nsteps:\n  - wait: [2s\n')[0]).toMatchObject({
      line: expect.any(Number),
      message: expect.stringMatching(/not valid YAML/),
    });
    const bad = problems('name: x\nsteps:\n  - expect: { where: "temperature >> 3" }\n');
    expect(bad[0]).toMatchObject({
      line: 3,
      column: 22,
      message: expect.stringMatching(/cannot be read: unexpected ">" at character 14/),
    });
    const v = problems('name: x\nsteps:\n  - mark: "${who}"\n');
    expect(v[0]).toMatchObject({
      line: 3,
      column: 11,
      message: expect.stringMatching(/variable "who" is not set/),
    });
  });

  it('refuses a file without steps or name, two actions in one step, and a runaway repeat', () => {
    expect(
      problems('steps: []\n')
        .map((p) => p.message)
        .join(' '),
    ).toMatch(/"name": missing.*"steps": A scenario needs at least one step/s);
    expect(problems('name: x\nsteps:\n  - wait: 1s\n    mark: a\n')[0]?.message).toMatch(
      /2 actions \(wait, mark\).*one per step/,
    );
    expect(problems('name: x\nsteps:\n  - repeat: { times: 0, steps: [ { wait: 1s } ] }\n')[0]).toMatchObject(
      { line: 3, column: 22 },
    );
    const big = `name: x\nsteps:\n  - repeat:\n      times: 10000\n      steps:\n        - wait: 1ms\n        - wait: 1ms\n`;
    expect(problems(big)[0]?.message).toMatch(/20000 steps with its repeats; at most 10000/);
  });
});
