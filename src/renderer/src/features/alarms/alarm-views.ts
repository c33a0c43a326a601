// What the other pages draw of the alarms: the focused board's active alarms (card and row colour), its alarm spans
// and threshold lines (the Telemetry charts), and the colour of a severity. Pure, so the charts can memoize on them.
import { ANY_BOARD, type AlarmRule, type Severity } from '../../../../shared/alarms/rules';
import type { AlarmRecord, AlarmsState } from '../../../../shared/bridge/contracts/alarms';

/** Severity colours: critical red, warning amber, info blue-grey (as the link chips use them). */
export const SEVERITY_COLOR: Readonly<Record<Severity, string>> = {
  critical: '#FF5252',
  warning: '#FFB300',
  info: '#90A4AE',
};

const RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, critical: 2 };

/** The most severe of `list`, or undefined for none. */
export function worst(list: readonly { readonly severity: Severity }[]): Severity | undefined {
  let w: Severity | undefined;
  for (const a of list) if (w === undefined || RANK[a.severity] > RANK[w]) w = a.severity;
  return w;
}

/** The raised alarms of one board, most severe first. */
export function activeOf(state: AlarmsState | undefined, boardId: string | undefined): AlarmRecord[] {
  if (!state || boardId === undefined) return [];
  return state.active
    .filter((a) => a.boardId === boardId)
    .sort((a, b) => RANK[b.severity] - RANK[a.severity] || b.raisedAt - a.raisedAt);
}

/**
 * The app bar's colour: the worst severity among the alarms nobody acknowledged (cleared ones too: someone should
 * still look), else among those raised now.
 */
export function barSeverity(state: AlarmsState | undefined): Severity | undefined {
  if (!state) return undefined;
  return worst(state.recent.filter((a) => a.ackedAt === undefined)) ?? worst(state.active);
}

/** One shaded span on a chart: from the raise to the clear (open while raised). */
export interface AlarmSpan {
  readonly id: string;
  readonly fromT: number;
  /** undefined: still raised (the span runs to the chart's right edge). */
  readonly toT: number | undefined;
  readonly severity: Severity;
  /** The series it is about (a threshold or rate alarm), else undefined: the board as a whole. */
  readonly series: string | undefined;
  readonly label: string;
}

/** A dashed line at a threshold rule's limit on its series' chart. */
export interface LimitLine {
  readonly ruleId: string;
  readonly series: string;
  readonly value: number;
  readonly side: 'above' | 'below';
  readonly severity: Severity;
  readonly label: string;
}

/** What the Telemetry charts draw for one board. */
export interface ChartAlarms {
  readonly spans: readonly AlarmSpan[];
  readonly lines: readonly LimitLine[];
}

export const NO_CHART_ALARMS: ChartAlarms = { spans: [], lines: [] };

const SERIES_KINDS = new Set<AlarmRecord['ruleKind']>(['threshold', 'rate']);

/** The board's alarm spans (latest alarms, raised or cleared) and its enabled threshold rules' limits. */
export function chartAlarms(
  state: AlarmsState | undefined,
  rules: readonly AlarmRule[] | undefined,
  boardId: string | undefined,
): ChartAlarms {
  if (boardId === undefined) return NO_CHART_ALARMS;
  const spans = (state?.recent ?? [])
    .filter((a) => a.boardId === boardId)
    .map((a): AlarmSpan => ({
      id: a.id,
      fromT: a.raisedAt,
      toT: a.clearedAt,
      severity: a.severity,
      series: SERIES_KINDS.has(a.ruleKind) ? a.subject : undefined,
      label: a.ruleName,
    }));
  const lines: LimitLine[] = [];
  for (const r of rules ?? []) {
    if (r.kind !== 'threshold' || !r.enabled || (r.board !== ANY_BOARD && r.board !== boardId)) continue;
    const line = (side: 'above' | 'below', value: number) =>
      lines.push({ ruleId: r.id, series: r.series, value, side, severity: r.severity, label: r.name });
    if (r.above !== undefined) line('above', r.above);
    if (r.below !== undefined) line('below', r.below);
  }
  if (spans.length === 0 && lines.length === 0) return NO_CHART_ALARMS;
  return { spans, lines };
}

/** The spans and lines a chart of `series` draws (a span of the board as a whole goes on every chart). */
export function forSeries(all: ChartAlarms, series: readonly string[]): ChartAlarms {
  return {
    spans: all.spans.filter((s) => s.series === undefined || series.includes(s.series)),
    lines: all.lines.filter((l) => series.includes(l.series)),
  };
}

/** Equal content (so a chart redraws only when what it draws changed, not on every `alarms:changed`). */
export function sameChartAlarms(a: ChartAlarms, b: ChartAlarms): boolean {
  if (a === b) return true;
  return (
    a.spans.length === b.spans.length &&
    a.lines.length === b.lines.length &&
    a.spans.every((s, i) => {
      const o = b.spans[i]!;
      return s.id === o.id && s.toT === o.toT && s.severity === o.severity && s.series === o.series;
    }) &&
    a.lines.every((l, i) => {
      const o = b.lines[i]!;
      return l.ruleId === o.ruleId && l.value === o.value && l.side === o.side && l.severity === o.severity;
    })
  );
}
