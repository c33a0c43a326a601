// The rule editor's and the rules table's words: each kind's name, each field's label and help, and a rule in one line.
import type { AlarmRule, AlarmRuleKind } from '../../../../shared/alarms/rules';
import type { FormField } from './rule-form';

/** The kinds in the editor's order, each with its name and what it watches. */
export const KINDS: ReadonlyArray<{ kind: AlarmRuleKind; label: string; about: string }> = [
  { kind: 'threshold', label: 'Threshold', about: 'A telemetry value above, below or outside a band.' },
  { kind: 'rate', label: 'Rate of change', about: 'A telemetry value changing faster than a limit.' },
  { kind: 'stale', label: 'No telemetry', about: 'No telemetry message from the board for a while.' },
  { kind: 'link', label: 'Link down', about: "The board's WebSocket link not open for a while." },
  { kind: 'reboot', label: 'Reboot', about: 'The board restarted (its uptime went back).' },
  {
    kind: 'pool',
    label: 'Memory pool',
    about: 'A packet or byte pool filling up, or an allocation failing.',
  },
];

/** Plain-English label and help of each field (the help may depend on the kind). */
export function fieldWords(field: FormField, kind: AlarmRuleKind): { label: string; help: string } {
  switch (field) {
    case 'series':
      return { label: 'Telemetry field', help: 'The value watched, as the board names it (junctionTemp…).' };
    case 'above':
      return { label: 'Alarm above', help: 'Raised over this. Empty: no upper limit.' };
    case 'below':
      return { label: 'Alarm below', help: 'Raised under this. Empty: no lower limit.' };
    case 'hysteresis':
      return { label: 'Clear margin', help: 'Back inside the limit by this to clear.' };
    case 'perS':
      return { label: 'Faster than (per second)', help: 'Units a second, rising or falling.' };
    case 'windowS':
      return { label: 'Measured over (s)', help: 'The change is measured over this many seconds.' };
    case 'afterS':
      return kind === 'link'
        ? { label: 'Link down for (s)', help: 'Raised once the WebSocket link has not been open this long.' }
        : { label: 'Silent for (s)', help: 'Raised once no telemetry arrived for this long.' };
    case 'holdS':
      return { label: 'Clears after (s)', help: 'An event alarm clears by itself after this long.' };
    case 'pool':
      return { label: 'Pool name', help: 'As the pool-status names it. Empty: any pool.' };
    case 'abovePct':
      return { label: 'Alarm above (% in use)', help: 'Empty: only allocation failures.' };
    case 'failures':
      return { label: 'Alarm on any allocation failure', help: '' };
    case 'hysteresisPct':
      return { label: 'Clear margin (%)', help: 'How far under the limit use must fall to clear.' };
    case 'forS':
      return { label: 'Holds for (s)', help: 'The condition must hold this long first. 0: at once.' };
    case 'preS':
      return { label: 'Seconds before', help: '' };
    case 'postS':
      return { label: 'Seconds after', help: '' };
    case 'name':
      return { label: 'Name', help: 'Shown in the list, the notification and the capture folder.' };
    case 'id':
      return { label: 'Rule id', help: 'Letters, digits, - and _. Empty: made from the name.' };
    default:
      return { label: field, help: '' };
  }
}

/** One line saying what a rule watches ("junctionTemp above 85 (clears 2 under)"), for the rules table. */
export function ruleSummary(r: AlarmRule): string {
  const held = r.forS > 0 ? `, held ${r.forS} s` : '';
  switch (r.kind) {
    case 'threshold': {
      const parts = [
        r.above !== undefined ? `above ${r.above}` : '',
        r.below !== undefined ? `below ${r.below}` : '',
      ].filter(Boolean);
      const margin = r.hysteresis > 0 ? ` (clears ${r.hysteresis} back inside)` : '';
      return `${r.series} ${parts.join(' or ')}${margin}${held}`;
    }
    case 'rate':
      return `${r.series} changing faster than ${r.perS}/s over ${r.windowS} s${held}`;
    case 'stale':
      return `no telemetry for ${r.afterS} s${held}`;
    case 'link':
      return `WebSocket link not open for ${r.afterS} s${held}`;
    case 'reboot':
      return `board restarted (clears after ${r.holdS} s)`;
    case 'pool': {
      const which = r.pool ? `pool ${r.pool}` : 'any pool';
      const parts = [
        r.abovePct !== undefined ? `above ${r.abovePct} % in use` : '',
        r.failures ? 'an allocation failure' : '',
      ].filter(Boolean);
      return `${which}: ${parts.join(' or ')}${held}`;
    }
  }
}
