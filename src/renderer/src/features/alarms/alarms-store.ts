// The Alarms data layer: every `alarms:*` request and event. It keeps the alarms now (asked once, then followed by
// `alarms:changed`), the rules (`alarms:rules`, then `alarms:rules-changed`) and the capture bundles (`alarms:captures`,
// then one `alarms:capture` per bundle that starts, finishes or fails). In browser mode it shows the page's own
// notification for each raise once the user allowed them (the desktop app's core shows its own). Components read
// the snapshot with useSyncExternalStore and call the store's methods, which answer with the core's words.
import type { BenchApi } from '../../../../shared/bridge/contract';
import type {
  AlarmCapture,
  AlarmRecord,
  AlarmRulesView,
  AlarmsState,
} from '../../../../shared/bridge/contracts/alarms';
import type { AlarmRule } from '../../../../shared/alarms/rules';
import type { Result } from '../../../../shared/result';
import type { BridgeState } from '../../bridge/web-bridge';

/** Whether the page may show notifications: the browser's answer, or `unsupported` (no Notification API). */
export type NotifyPermission = 'default' | 'granted' | 'denied' | 'unsupported';

/** The browser's notifications, handed in (the page's `Notification`; a fake in tests). */
export interface Notifier {
  permission(): NotifyPermission;
  request(): Promise<NotifyPermission>;
  show(title: string, body: string, tag: string): void;
}

/** What the pages show. */
export interface AlarmsSnapshot {
  /** The alarms now, undefined until the core answered. */
  readonly state: AlarmsState | undefined;
  readonly rules: AlarmRulesView | undefined;
  /** The capture bundles, newest first. */
  readonly captures: readonly AlarmCapture[] | undefined;
  /** Why the core could not be asked about its alarms or rules (its words), if it could not. */
  readonly error: string | undefined;
  /** Why it could not list the capture bundles (a build without them, say), if it could not. */
  readonly capturesError: string | undefined;
  /** Browser mode only: whether raises show a notification; `desktop` where the core shows them. */
  readonly notify: NotifyPermission | 'desktop';
}

/** Most capture bundles kept in the list (the core answers newest first). */
export const CAPTURES_KEPT = 500;

export type AlarmsBridge = Pick<BenchApi, 'invoke' | 'on' | 'transport'> & {
  readonly onState?: (listener: (s: BridgeState) => void) => () => void;
};

export class AlarmsStore {
  private snap: AlarmsSnapshot;
  private readonly listeners = new Set<() => void>();
  private offs: Array<() => void> = [];
  /** Counts of events heard: an answer to an older question does not overwrite a newer event. */
  private heard = { state: 0, rules: 0, captures: 0 };
  /** The page lost the core since it last asked: ask again once it is back (events were missed). */
  private lostCore = false;

  constructor(
    private readonly bridge: AlarmsBridge,
    private readonly notifier?: Notifier,
  ) {
    this.snap = {
      state: undefined,
      rules: undefined,
      captures: undefined,
      error: undefined,
      capturesError: undefined,
      notify: bridge.transport === 'electron' ? 'desktop' : (notifier?.permission() ?? 'unsupported'),
    };
  }

  /** Listens to the store; the core is asked once and then followed while someone listens. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.offs.length === 0) {
      this.offs.push(
        this.bridge.on('alarms:changed', (s) => {
          this.heard.state++;
          this.set({ state: s });
        }),
        this.bridge.on('alarms:transition', (t) => {
          if (t.kind === 'raised') this.notifyRaise(t.alarm);
        }),
        this.bridge.on('alarms:rules-changed', (r) => {
          this.heard.rules++;
          this.set({ rules: r });
        }),
        this.bridge.on('alarms:capture', (c) => this.heardCapture(c)),
      );
      if (this.bridge.onState) this.offs.push(this.bridge.onState((s) => this.follow(s)));
      void this.refresh();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) for (const off of this.offs.splice(0)) off();
    };
  };

  readonly snapshot = (): AlarmsSnapshot => this.snap;

  /** Asks the core for the alarms, the rules and the bundles again. */
  async refresh(): Promise<void> {
    const asked = { ...this.heard };
    const [state, rules, captures] = await Promise.all([
      this.bridge.invoke('alarms:state', {}),
      this.bridge.invoke('alarms:rules', {}),
      this.bridge.invoke('alarms:captures', {}),
    ]);
    const patch: { -readonly [K in keyof AlarmsSnapshot]?: AlarmsSnapshot[K] } = {
      error: undefined,
      capturesError: captures.ok ? undefined : captures.error.message,
    };
    if (state.ok && this.heard.state === asked.state) patch.state = state.value;
    if (rules.ok && this.heard.rules === asked.rules) patch.rules = rules.value;
    if (captures.ok && this.heard.captures === asked.captures) patch.captures = captures.value;
    const failed = [state, rules].find((r) => !r.ok);
    if (failed && !failed.ok) patch.error = failed.error.message;
    this.set(patch);
  }

  /** Acknowledges one alarm; the failure in words, or undefined. */
  ack(id: string): Promise<string | undefined> {
    return this.acked(this.bridge.invoke('alarms:ack', { id }));
  }

  /** Acknowledges every raised alarm. */
  ackAll(): Promise<string | undefined> {
    return this.acked(this.bridge.invoke('alarms:ack', { all: true }));
  }

  /** Replaces the rules (the core validates them as a whole). */
  async setRules(rules: readonly AlarmRule[]): Promise<string | undefined> {
    const r = await this.bridge.invoke('alarms:set-rules', { rules: [...rules] });
    if (!r.ok) return r.error.message;
    this.heard.rules++;
    this.set({ rules: r.value });
    return undefined;
  }

  /** Saves one rule: it replaces the rule `replacing` names (an edit, perhaps of its id), or is added. */
  saveRule(rule: AlarmRule, replacing?: string): Promise<string | undefined> {
    return this.changeRules((rules) => {
      const at = replacing === undefined ? -1 : rules.findIndex((r) => r.id === replacing);
      return at < 0 ? [...rules, rule] : rules.map((r, i) => (i === at ? rule : r));
    });
  }

  /** Turns one rule on or off. */
  setEnabled(id: string, enabled: boolean): Promise<string | undefined> {
    return this.changeRules((rules) => rules.map((r) => (r.id === id ? { ...r, enabled } : r)));
  }

  /** Deletes one rule. */
  deleteRule(id: string): Promise<string | undefined> {
    return this.changeRules((rules) => rules.filter((r) => r.id !== id));
  }

  /** Reads a rules file's text: its rules added (or, with `replace`, instead of the kept ones). */
  async importRules(text: string, replace: boolean): Promise<string | undefined> {
    const r = await this.bridge.invoke('alarms:import-rules', { text, replace });
    if (!r.ok) return r.error.message;
    this.heard.rules++;
    this.set({ rules: r.value });
    return undefined;
  }

  /** The rules as a file's text and name, to download. */
  exportRules(): Promise<Result<{ readonly fileName: string; readonly text: string }>> {
    return this.bridge.invoke('alarms:export-rules', {});
  }

  /** Browser mode downloads a bundle as one zip; the desktop app shows its folder instead. */
  get canShowFolder(): boolean {
    return this.bridge.transport === 'electron';
  }

  /** A one-time download of a bundle as a zip (browser mode): its URL path. */
  captureZip(id: string): Promise<Result<{ readonly download: string; readonly fileName: string }>> {
    return this.bridge.invoke('alarms:capture-zip', { id });
  }

  /** Shows a bundle's folder in the system's file manager (desktop app). */
  async showCapture(id: string): Promise<string | undefined> {
    const r = await this.bridge.invoke('alarms:capture-show', { id });
    if (!r.ok) return r.error.message;
    return r.value.shown ? undefined : 'The system did not open the folder.';
  }

  /** Asks the browser to allow notifications (browser mode; it must follow a click). */
  async allowNotifications(): Promise<NotifyPermission> {
    if (!this.notifier || this.snap.notify === 'desktop') return 'unsupported';
    const p = await this.notifier.request();
    this.set({ notify: p });
    return p;
  }

  /** Sets the rules to `change` of the kept ones; never before they were read (that would replace them all). */
  private async changeRules(
    change: (rules: readonly AlarmRule[]) => readonly AlarmRule[],
  ): Promise<string | undefined> {
    const kept = this.snap.rules;
    if (!kept) return 'The rules have not been read from the bench yet; try again in a moment.';
    return this.setRules(change(kept.rules));
  }

  private async acked(p: Promise<Result<AlarmsState>>): Promise<string | undefined> {
    const r = await p;
    if (!r.ok) return r.error.message;
    this.heard.state++;
    this.set({ state: r.value });
    return undefined;
  }

  private notifyRaise(a: AlarmRecord): void {
    if (!this.notifier || this.snap.notify !== 'granted') return;
    // The permission may have been taken back in the browser's settings since.
    if (this.notifier.permission() !== 'granted') return this.set({ notify: this.notifier.permission() });
    this.notifier.show(a.ruleName, `${a.boardName}: ${a.message}`, a.id);
  }

  private heardCapture(c: AlarmCapture): void {
    this.heard.captures++;
    const rest = (this.snap.captures ?? []).filter((x) => x.id !== c.id);
    const known = this.snap.captures?.some((x) => x.id === c.id);
    // A known bundle keeps its place; a new one goes first (newest first, as the core lists them).
    const captures = known
      ? (this.snap.captures ?? []).map((x) => (x.id === c.id ? c : x))
      : [c, ...rest].slice(0, CAPTURES_KEPT);
    this.set({ captures });
  }

  private follow(s: BridgeState): void {
    if (s.kind !== 'open') this.lostCore = true;
    else if (this.lostCore) {
      this.lostCore = false;
      void this.refresh();
    }
  }

  private set(patch: Partial<AlarmsSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const l of this.listeners) l();
  }
}
