// The alarm rules, kept in settings.json (`alarmRules`) as raw entries: each is checked alone when read, so a rule
// this version cannot use (hand-edited, or written by a newer version) is reported in words and kept in the file,
// and the others still work. Only alarms:set-rules and alarms:import-rules change them (docs/alarms.md).
import { MAX_RULES, type AlarmRule } from '../../../shared/alarms/rules';
import type { AlarmRulesView } from '../../../shared/bridge/contracts/alarms';
import type { Settings } from '../../../shared/bridge/contracts/app';
import { BenchError } from '../../../shared/result';
import { checkRule, checkRules } from './rule-words';
import { parseRulesFile, rulesFileName, rulesFileText } from './rules-file';

/** The part of the SettingsStore the rules need. */
export interface RuleSettings {
  get(): Pick<Settings, 'alarmRules'>;
  set(patch: Pick<Settings, 'alarmRules'>): unknown;
}

export interface RuleStoreOptions {
  /** The bench's name, for the exported file's name (absent: none). */
  readonly bench?: () => string | undefined;
  readonly now?: () => number;
}

const idOf = (entry: unknown): string | undefined =>
  typeof entry === 'object' && entry !== null && 'id' in entry && typeof entry.id === 'string'
    ? entry.id
    : undefined;

/** The saved rules: read from the settings, changed as a whole, told to listeners. */
export class AlarmRuleStore {
  private cached: { raw: readonly unknown[]; view: AlarmRulesView } | undefined;
  private readonly listeners = new Set<(view: AlarmRulesView) => void>();

  constructor(
    private readonly settings: RuleSettings,
    private readonly opts: RuleStoreOptions = {},
  ) {}

  /** The usable rules and words for each saved entry that is not used. */
  view(): AlarmRulesView {
    const raw = this.settings.get().alarmRules;
    if (this.cached?.raw === raw) return this.cached.view;
    const { rules, problems } = checkRules(raw.slice(0, MAX_RULES));
    if (raw.length > MAX_RULES)
      problems.push(
        `settings.json holds ${raw.length} alarm rules; only the first ${MAX_RULES} are used (the rest stay in the file)`,
      );
    const view: AlarmRulesView = {
      rules,
      problems: problems.map((p) => `Saved alarm ${p}; it is kept in settings.json but not used.`),
    };
    this.cached = { raw, view };
    return view;
  }

  rules(): readonly AlarmRule[] {
    return this.view().rules;
  }

  /**
   * Replaces the rules. Saved entries that could not be used stay in the file (nothing the user wrote is lost),
   * unless a new rule takes their id.
   */
  set(rules: readonly AlarmRule[]): AlarmRulesView {
    const ids = new Set(rules.map((r) => r.id));
    const unusable = this.settings
      .get()
      .alarmRules.filter((e, i) => !checkRule(e, i).ok && !ids.has(idOf(e) ?? '\u0000'));
    this.settings.set({ alarmRules: [...rules, ...unusable] });
    const view = this.view();
    for (const l of this.listeners) l(view);
    return view;
  }

  /**
   * Reads a rules file's text (errors name what is wrong and where). `replace`: its rules become the rules;
   * otherwise they are added, a rule with an id already kept replacing that one in its place.
   */
  importText(text: string, replace: boolean): AlarmRulesView {
    const incoming = parseRulesFile(text);
    if (replace) return this.set(incoming);
    const byId = new Map(incoming.map((r) => [r.id, r]));
    const merged = this.rules().map((r) => byId.get(r.id) ?? r);
    const kept = new Set(merged.map((r) => r.id));
    merged.push(...incoming.filter((r) => !kept.has(r.id)));
    if (merged.length > MAX_RULES)
      throw new BenchError(
        'BAD_REQUEST',
        `With the file's rules the bench would keep ${merged.length} rules; it keeps at most ${MAX_RULES}. Import with "replace", or remove some rules first.`,
      );
    return this.set(merged);
  }

  /** The usable rules as a rules file. */
  exportFile(): { fileName: string; text: string } {
    return {
      fileName: rulesFileName(this.opts.bench?.(), (this.opts.now ?? Date.now)()),
      text: rulesFileText(this.rules()),
    };
  }

  /** Hears every change of the rules; returns the unsubscribe. */
  onChange(listener: (view: AlarmRulesView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
