import NotificationsIcon from '@mui/icons-material/NotificationsActiveOutlined';
import NotificationsNoneIcon from '@mui/icons-material/NotificationsNoneOutlined';
import { alpha, Button } from '@mui/material';
import { barSeverity, SEVERITY_COLOR } from './alarm-views';
import { useAlarms } from './use-alarms';

/** The app bar's count of alarms nobody acknowledged, in the worst one's colour; a click opens the Alarms page. */
export function AlarmsBarButton({ onOpen }: { onOpen: () => void }) {
  const { state } = useAlarms();
  const unacked = state?.unacknowledged ?? 0;
  const raised = state?.active.length ?? 0;
  const severity = barSeverity(state);
  const color = severity && unacked > 0 ? SEVERITY_COLOR[severity] : undefined;
  const words =
    unacked > 0
      ? `${unacked} alarm${unacked === 1 ? '' : 's'}`
      : raised > 0
        ? `${raised} raised, seen`
        : 'No alarms';
  return (
    <Button
      size="small"
      variant={color ? 'contained' : 'text'}
      onClick={onOpen}
      startIcon={unacked > 0 || raised > 0 ? <NotificationsIcon /> : <NotificationsNoneIcon />}
      data-testid="alarms-bar"
      data-count={unacked}
      data-severity={severity}
      title={
        unacked > 0 ? `${words} not acknowledged (${severity}): open the Alarms page` : 'Open the Alarms page'
      }
      sx={{
        flexShrink: 0,
        whiteSpace: 'nowrap',
        textTransform: 'none',
        fontWeight: 600,
        fontVariantNumeric: 'tabular-nums',
        color: color ? '#111' : 'text.secondary',
        bgcolor: color,
        '&:hover': color ? { bgcolor: alpha(color, 0.85) } : undefined,
      }}
    >
      {words}
    </Button>
  );
}
