// The rule editor's form: every field as the text the user typed, turned into a rule by the same schema the core
// keeps the rules with (src/shared/alarms/rules.ts), its problems mapped back onto the fields in plain words.
import {
  alarmRuleSchema,
  ANY_BOARD,
  type AlarmRule,
  type AlarmRuleKind,
  type Severity,
} from '../../../../shared/alarms/rules';

export interface RuleForm {
  readonly kind: AlarmRuleKind;
  readonly id: string;
  readonly name: string;
  readonly board: string;
  readonly enabled: boolean;
  readonly severity: Severity;
  readonly forS: string;
  readonly capture: boolean;
  readonly preS: string;
  readonly postS: string;
  readonly series: string;
  readonly above: string;
  readonly below: string;
  readonly hysteresis: string;
  readonly perS: string;
  readonly windowS: string;
  readonly afterS: string;
  readonly holdS: string;
  readonly pool: string;
  readonly abovePct: string;
  readonly failures: boolean;
  readonly hysteresisPct: string;
}

export type FormField = keyof RuleForm;
/** A problem per field, and `general` for one about the rule as a whole (a band the wrong way round). */
export type FormErrors = Partial<Record<FormField | 'general', string>>;

/** The fields each kind has beyond the common ones, in the editor's order. */
export const KIND_FIELDS: Readonly<Record<AlarmRuleKind, readonly FormField[]>> = {
  threshold: ['series', 'above', 'below', 'hysteresis'],
  rate: ['series', 'perS', 'windowS'],
  stale: ['afterS'],
  link: ['afterS'],
  reboot: ['holdS'],
  pool: ['pool', 'abovePct', 'failures', 'hysteresisPct', 'holdS'],
};

/** A new rule's form: the schema's defaults, for every board. */
export function emptyForm(kind: AlarmRuleKind = 'threshold'): RuleForm {
  return {
    kind,
    id: '',
    name: '',
    board: ANY_BOARD,
    enabled: true,
    severity: 'warning',
    forS: '0',
    capture: false,
    preS: '30',
    postS: '30',
    series: '',
    above: '',
    below: '',
    hysteresis: '0',
    perS: '',
    windowS: '5',
    afterS: kind === 'link' ? '10' : '5',
    holdS: '60',
    pool: '',
    abovePct: '',
    failures: false,
    hysteresisPct: '5',
  };
}

const text = (v: number | undefined) => (v === undefined ? '' : String(v));

/** The form of a kept rule, to edit it. */
export function formOf(r: AlarmRule): RuleForm {
  const base: RuleForm = {
    ...emptyForm(r.kind),
    id: r.id,
    name: r.name,
    board: r.board,
    enabled: r.enabled,
    severity: r.severity,
    forS: text(r.forS),
    capture: r.capture !== undefined,
    preS: text(r.capture?.preS ?? 30),
    postS: text(r.capture?.postS ?? 30),
  };
  switch (r.kind) {
    case 'threshold':
      return {
        ...base,
        series: r.series,
        above: text(r.above),
        below: text(r.below),
        hysteresis: text(r.hysteresis),
      };
    case 'rate':
      return { ...base, series: r.series, perS: text(r.perS), windowS: text(r.windowS) };
    case 'stale':
    case 'link':
      return { ...base, afterS: text(r.afterS) };
    case 'reboot':
      return { ...base, holdS: text(r.holdS) };
    case 'pool':
      return {
        ...base,
        pool: r.pool ?? '',
        abovePct: text(r.abovePct),
        failures: r.failures,
        hysteresisPct: text(r.hysteresisPct),
        holdS: text(r.holdS),
      };
  }
}

/** An id from a name: its letters and digits joined by dashes, made unique among `taken`. */
export function idFromName(name: string, taken: readonly string[]): string {
  const stem =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56) || 'rule';
  let id = stem;
  for (let n = 2; taken.includes(id); n++) id = `${stem}-${n}`;
  return id;
}

const NUMBER_FIELDS: readonly FormField[] = [
  'forS',
  'preS',
  'postS',
  'above',
  'below',
  'hysteresis',
  'perS',
  'windowS',
  'afterS',
  'holdS',
  'abovePct',
  'hysteresisPct',
];

/** The schema's limits in words (its own messages, where it has them, come first). */
function limitWords(iss: { code: string; minimum?: unknown; maximum?: unknown; inclusive?: boolean }) {
  if (iss.code === 'too_small' && typeof iss.minimum === 'number')
    return iss.inclusive === false ? `Must be more than ${iss.minimum}.` : `At least ${iss.minimum}.`;
  if (iss.code === 'too_big' && typeof iss.maximum === 'number')
    return `At most ${iss.maximum.toLocaleString('en-US')}.`;
  if (iss.code === 'invalid_type') return 'Required.';
  return undefined;
}

/**
 * The rule the form describes, checked by the rules' schema and against the other rules' ids (`taken`: every kept
 * id but the edited rule's own); or the problems, by field.
 */
export function ruleOf(
  form: RuleForm,
  taken: readonly string[],
): { ok: true; rule: AlarmRule } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {};
  const used = new Set<FormField>([
    'id',
    'name',
    'board',
    'enabled',
    'severity',
    'forS',
    ...KIND_FIELDS[form.kind],
    ...(form.capture ? (['preS', 'postS'] as const) : []),
  ]);
  const numbers: Partial<Record<FormField, number>> = {};
  for (const f of NUMBER_FIELDS) {
    if (!used.has(f)) continue;
    const raw = String(form[f]).trim();
    if (raw === '') continue;
    const n = Number(raw);
    if (!Number.isFinite(n)) errors[f] = 'Enter a number, such as 85 or 0.5.';
    else numbers[f] = n;
  }
  const id = form.id.trim() || idFromName(form.name, taken);
  if (taken.includes(id)) errors.id = `Another rule has the id "${id}".`;
  const input: Record<string, unknown> = {
    id,
    name: form.name,
    board: form.board.trim() || ANY_BOARD,
    enabled: form.enabled,
    severity: form.severity,
    kind: form.kind,
  };
  if (numbers.forS !== undefined) input.forS = numbers.forS;
  if (form.capture) input.capture = { preS: numbers.preS, postS: numbers.postS };
  for (const f of KIND_FIELDS[form.kind]) {
    if (f === 'series' || f === 'pool') {
      const v = form[f].trim();
      if (v !== '') input[f] = v;
      else if (f === 'series') errors.series = 'Name the telemetry field to watch.';
    } else if (f === 'failures') input.failures = form.failures;
    else if (numbers[f] !== undefined) input[f] = numbers[f];
  }
  if (form.kind === 'rate' && numbers.perS === undefined && !errors.perS)
    errors.perS = 'Give the rate that raises the alarm.';
  // The kind's own schema (not the union), so its problems name its fields rather than "no kind matched".
  const schema = alarmRuleSchema.options.find((o) => o.shape.kind.value === form.kind) ?? alarmRuleSchema;
  const parsed = schema.safeParse(input, { error: limitWords });
  const local = Object.keys(errors).length > 0;
  if (parsed.success && !local) return { ok: true, rule: parsed.data };
  for (const iss of parsed.error?.issues ?? []) {
    const key = iss.path.at(-1);
    const field: FormField | 'general' = isField(key, form) ? key : 'general';
    // A field already found wrong here may be why the rule as a whole fails: its own words come first.
    if (field === 'general' && local) continue;
    errors[field] ??= iss.message;
  }
  return { ok: false, errors };
}

const isField = (k: unknown, form: RuleForm): k is FormField => typeof k === 'string' && k in form;
