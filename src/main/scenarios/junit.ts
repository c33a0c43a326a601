// JUnit XML for CI (Jenkins, GitLab, GitHub's test reporters): one testsuite per scenario, one testcase per step
// (each repeat iteration its own, named with its iteration), <failure> and <skipped> with the step's words, times
// in seconds, counts in attributes.
import { reportName, type ScenarioReport } from './run';

/** The XML of one or more runs. `file` is the scenario's path, kept on each testcase for reporters that link it. */
export function junitXml(runs: readonly { report: ScenarioReport; file: string }[]): string {
  const sum = (f: (r: ScenarioReport) => number) => runs.reduce((n, r) => n + f(r.report), 0);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="scenarios" tests="${sum((r) => r.steps.length)}" failures="${sum((r) => r.failed)}" errors="0" skipped="${sum((r) => r.skipped)}" time="${seconds(sum((r) => r.ms))}">`,
  ];
  for (const { report: r, file } of runs) {
    out.push(
      `  <testsuite name="${esc(r.name)}" tests="${r.steps.length}" failures="${r.failed}" errors="0" skipped="${r.skipped}" time="${seconds(r.ms)}" timestamp="${new Date(r.startedAt).toISOString().replace(/\.\d+Z$/, '')}">`,
      '    <properties>',
      `      <property name="board" value="${esc(r.board)}"/>`,
      `      <property name="file" value="${esc(file)}"/>`,
      '    </properties>',
    );
    for (const s of r.steps) {
      const open = `    <testcase name="${esc(reportName(s))}" classname="${esc(r.name)}" file="${esc(file)}" line="${s.line}" time="${seconds(s.result.ms)}"`;
      if (s.result.status === 'passed') {
        out.push(`${open}>`, `      <system-out>${esc(s.result.message)}</system-out>`, '    </testcase>');
      } else if (s.result.status === 'failed') {
        out.push(
          `${open}>`,
          `      <failure message="${esc(s.result.message)}" type="${s.kind}">${esc(`${file}:${s.line}:${s.column}: ${s.result.message}`)}</failure>`,
          '    </testcase>',
        );
      } else out.push(`${open}>`, `      <skipped message="${esc(s.result.message)}"/>`, '    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** Escapes text for an attribute or element; drops characters XML 1.0 cannot hold. */
function esc(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;');
}
