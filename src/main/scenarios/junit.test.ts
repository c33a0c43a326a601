import { describe, expect, it } from 'vitest';
import { junitXml } from './junit';
import type { ScenarioReport, StepReport } from './run';

const step = (over: Partial<StepReport> & Pick<StepReport, 'result'>): StepReport => ({
  index: '1',
  line: 3,
  column: 5,
  kind: 'http',
  title: 'http GET /',
  iterations: [],
  ...over,
});

describe('junitXml', () => {
  it('writes counts in attributes, times in seconds, failures and skips with their words escaped', () => {
    const report: ScenarioReport = {
      name: 'Page & "quotes" <tags>',
      board: 'virtual board',
      startedAt: Date.UTC(2026, 0, 2, 3, 4, 5),
      ms: 1500,
      passed: 1,
      failed: 1,
      skipped: 1,
      steps: [
        step({ result: { status: 'passed', message: 'ok', ms: 250, startedAt: 0 } }),
        step({
          index: '2.1',
          iterations: [{ n: 2, of: 3 }],
          result: { status: 'failed', message: 'expected "<b>" & saw \u0001', ms: 1000, startedAt: 0 },
        }),
        step({
          index: '3',
          kind: 'fault',
          title: 'fault drop-link',
          result: { status: 'skipped', message: 'real board', ms: 0, startedAt: 0 },
        }),
      ],
    };
    const xml = junitXml([{ report, file: 'a.yaml' }]);
    expect(xml).toContain(
      '<testsuites name="scenarios" tests="3" failures="1" errors="0" skipped="1" time="1.500">',
    );
    expect(xml).toContain(
      '<testsuite name="Page &amp; &quot;quotes&quot; &lt;tags&gt;" tests="3" failures="1" errors="0" skipped="1" time="1.500" timestamp="2026-01-02T03:04:05">',
    );
    expect(xml).toContain(
      '<testcase name="1 http GET /" classname="Page &amp; &quot;quotes&quot; &lt;tags&gt;" file="a.yaml" line="3" time="0.250">',
    );
    expect(xml).toContain('name="2.1 http GET / [iteration 2/3]"');
    expect(xml).toContain(
      '<failure message="expected &quot;&lt;b&gt;&quot; &amp; saw \uFFFD" type="http">a.yaml:3:5: expected &quot;&lt;b&gt;&quot; &amp; saw \uFFFD</failure>',
    );
    expect(xml).toContain('<skipped message="real board"/>');
  });
});
