// The alarm rules file (`*.alarms.json`, docs/alarms.md): read with errors that say what is wrong and where (a JSON
// mistake as line:column, a rule as its place, id and field), and written in the same format.
import {
  MAX_RULES,
  alarmRulesFileSchema,
  type AlarmRule,
  type AlarmRulesFile,
} from '../../../shared/alarms/rules';
import { BenchError } from '../../../shared/result';
import { checkRule, ruleLabel } from './rule-words';

export const RULES_FILE_FORMAT = 'nucleo-mem-alarm-rules';

/** Line and column (from 1) of character `pos` of `text`. */
export function lineColumn(text: string, pos: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(pos, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/** V8's JSON error without its own "in JSON at position N (line L column C)" tail, and where it happened. */
function jsonMistake(text: string, err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  const pos = /at position (\d+)/.exec(raw);
  const at = lineColumn(text, pos ? Number(pos[1]) : text.length);
  const what = raw
    .replace(/\s*in JSON at position \d+.*$/s, '')
    .replace(/^Unexpected end of JSON input$/, 'The text ends before the JSON does');
  return `The rules file is not valid JSON at line ${at.line}, column ${at.column}: ${what}.`;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a rules file's text. Throws a BAD_REQUEST BenchError whose words name what is wrong and where: the JSON
 * position as line and column, the file's header, or each bad rule by its place, id and field.
 */
export function parseRulesFile(text: string): AlarmRule[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new BenchError('BAD_REQUEST', jsonMistake(text, err));
  }
  if (!isRecord(raw) || raw.format !== RULES_FILE_FORMAT || raw.version !== 1)
    throw new BenchError(
      'BAD_REQUEST',
      `This is not an alarm rules file of this version: it needs "format": "${RULES_FILE_FORMAT}", "version": 1 and "rules": [ … ].`,
    );
  const extra = Object.keys(raw).filter((k) => !['format', 'version', 'rules'].includes(k));
  if (extra.length > 0)
    throw new BenchError(
      'BAD_REQUEST',
      `The rules file has ${extra.length === 1 ? 'a field' : 'fields'} this version does not know: ${extra.map((k) => `"${k}"`).join(', ')}.`,
    );
  if (!Array.isArray(raw.rules))
    throw new BenchError('BAD_REQUEST', 'The rules file needs "rules": [ … ], a list.');
  if (raw.rules.length > MAX_RULES)
    throw new BenchError(
      'BAD_REQUEST',
      `The rules file has ${raw.rules.length} rules; a bench keeps at most ${MAX_RULES}.`,
    );
  const problems: string[] = [];
  const ids = new Map<string, number>();
  raw.rules.forEach((entry, i) => {
    const r = checkRule(entry, i);
    if (!r.ok) return problems.push(r.problem);
    const first = ids.get(r.rule.id);
    if (first !== undefined)
      problems.push(`${ruleLabel(entry, i)}: rule ${first + 1} has the same id; each rule needs its own`);
    else ids.set(r.rule.id, i);
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, 10).map((p) => p.replace(/\.$/, ''));
    const more = problems.length - shown.length;
    throw new BenchError(
      'BAD_REQUEST',
      `The rules file was not imported: ${shown.join('. ')}${more > 0 ? `. And ${more} more.` : '.'}`,
    );
  }
  // Every entry passed one by one; the whole list's own checks (size, ids) were made above with better words.
  return alarmRulesFileSchema.parse(raw).rules;
}

/** The rules as a file's text (pretty, so it reads and diffs well). */
export function rulesFileText(rules: readonly AlarmRule[]): string {
  const file: AlarmRulesFile = { format: RULES_FILE_FORMAT, version: 1, rules: [...rules] };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** `alarm-rules-<bench>-<date>.alarms.json`: what the export offers to save (a topic-safe bench name, a date). */
export function rulesFileName(bench: string | undefined, now: number): string {
  const date = new Date(now).toISOString().slice(0, 10);
  const name = (bench ?? '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `alarm-rules${name ? `-${name}` : ''}-${date}.alarms.json`;
}
