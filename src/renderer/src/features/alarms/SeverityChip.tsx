import ErrorIcon from '@mui/icons-material/ErrorOutlineOutlined';
import InfoIcon from '@mui/icons-material/InfoOutlined';
import WarningIcon from '@mui/icons-material/WarningAmber';
import { alpha, Chip } from '@mui/material';
import type { Severity } from '../../../../shared/alarms/rules';
import type { AlarmRecord } from '../../../../shared/bridge/contracts/alarms';
import { SEVERITY_COLOR, worst } from './alarm-views';

const ICON = { critical: ErrorIcon, warning: WarningIcon, info: InfoIcon } as const;

/** A severity as icon, word and colour (never by colour alone). */
export function SeverityChip({ severity, label }: { severity: Severity; label?: string }) {
  const Icon = ICON[severity];
  const color = SEVERITY_COLOR[severity];
  return (
    <Chip
      size="small"
      variant="outlined"
      icon={<Icon sx={{ '&&': { color } }} />}
      label={label ?? severity}
      sx={{ color, borderColor: alpha(color, 0.7), bgcolor: alpha(color, 0.1), maxWidth: '100%' }}
      data-severity={severity}
    />
  );
}

/** A board's raised alarms as chips naming their rules (the dashboard's card, the Lab row). */
export function BoardAlarmChips({ alarms }: { alarms: readonly AlarmRecord[] }) {
  if (alarms.length === 0) return null;
  const shown = alarms.slice(0, 2);
  return (
    <>
      {shown.map((a) => (
        <span key={a.id} title={a.message} data-testid="board-alarm-chip" style={{ minWidth: 0 }}>
          <SeverityChip severity={a.severity} label={`Alarm: ${a.ruleName}`} />
        </span>
      ))}
      {alarms.length > shown.length && (
        <SeverityChip severity={worst(alarms.slice(2)) ?? 'info'} label={`+${alarms.length - 2} more`} />
      )}
    </>
  );
}

/** The border and tint of a card or row whose board has raised alarms (none: no change). */
export function alarmTint(alarms: readonly AlarmRecord[]): Record<string, unknown> {
  const s = worst(alarms);
  if (!s) return {};
  const color = SEVERITY_COLOR[s];
  return { borderColor: color, borderWidth: 2, bgcolor: alpha(color, 0.08) };
}
