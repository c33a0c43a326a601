import NotificationsIcon from '@mui/icons-material/NotificationsActiveOutlined';
import NotificationsNoneIcon from '@mui/icons-material/NotificationsNoneOutlined';
import { alpha, Box, Button } from '@mui/material';
import { barSeverity, SEVERITY_COLOR } from './alarm-views';
import { useAlarms } from './use-alarms';

const NARROW = '@media (max-width: 899.95px)';

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
  // A narrow window keeps the count and the icon (the words stay in the button's name and its tooltip).
  const short = unacked > 0 ? String(unacked) : raised > 0 ? `${raised} seen` : '';
  return (
    <Button
      size="small"
      variant={color ? 'contained' : 'text'}
      onClick={onOpen}
      startIcon={unacked > 0 || raised > 0 ? <NotificationsIcon /> : <NotificationsNoneIcon />}
      aria-label={words}
      data-testid="alarms-bar"
      data-count={unacked}
      data-severity={severity}
      title={
        unacked > 0 ? `${words} not acknowledged (${severity}): open the Alarms page` : 'Open the Alarms page'
      }
      sx={{
        flexShrink: 0,
        whiteSpace: 'nowrap',
        minWidth: 0,
        [NARROW]: { '& .MuiButton-startIcon': { mr: short ? 0.5 : 0 } },
        textTransform: 'none',
        fontWeight: 600,
        fontVariantNumeric: 'tabular-nums',
        color: color ? '#111' : 'text.secondary',
        bgcolor: color,
        '&:hover': color ? { bgcolor: alpha(color, 0.85) } : undefined,
      }}
    >
      <Box component="span" sx={{ [NARROW]: { display: 'none' } }}>
        {words}
      </Box>
      <Box component="span" sx={{ display: 'none', [NARROW]: { display: 'inline' } }}>
        {short}
      </Box>
    </Button>
  );
}
