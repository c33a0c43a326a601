import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import {
  Box,
  Button,
  Card,
  CircularProgress,
  LinearProgress,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { checkWsPort } from './board-rules';
import { BoardSettings, type BoardSettingsValue } from './BoardSettings';
import { PhaseChip } from './BoardHeader';
import { ShownBoard } from '../connection/ShownBoard';

/** What the user picked for the next start. `wsPort` as typed: empty means 8080 if free, else any free port. */
export interface StartChoice extends BoardSettingsValue {
  readonly wsPort: string;
  readonly tickScale: number;
}

/** The board is off: what it is, the settings for the next start, and a big Start button. */
export function StoppedView({
  name,
  choice,
  onChoice,
  starting,
  error,
  loading,
  onStart,
}: {
  /** The virtual board's profile name. */
  name: string;
  choice: StartChoice;
  onChoice: (patch: Partial<StartChoice>) => void;
  starting: boolean;
  error: string | undefined;
  loading: boolean;
  onStart: () => void;
}) {
  const portError = checkWsPort(choice.wsPort);
  return (
    <Box
      sx={{ display: 'grid', placeItems: 'center', minHeight: '100%', p: 3, boxSizing: 'border-box' }}
      data-testid="board-page"
    >
      <Card variant="outlined" sx={{ maxWidth: 900, width: '100%', p: 3 }}>
        <Box sx={{ mb: 1.5 }}>
          <ShownBoard page="Board" />
        </Box>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, mb: 1 }}>
          <Typography variant="h6" component="h2">
            {starting ? `${name} is booting` : `${name} is stopped`}
          </Typography>
          <PhaseChip phase={starting ? 'booting' : 'stopped'} />
        </Box>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2.5 }}>
          The virtual NUCLEO-MEM runs inside this app and answers on 127.0.0.1 exactly as the real board does
          on the wire — WebSocket telemetry and LED commands, its serial log and OLED — so you can try tools
          without hardware.
        </Typography>
        <BoardSettings
          value={choice}
          onChange={onChoice}
          disabled={starting}
          extra={
            <>
              <Box>
                <Typography variant="caption" color="text.secondary" component="div" sx={{ mb: 0.25 }}>
                  WebSocket port
                </Typography>
                <TextField
                  size="small"
                  placeholder="8080 if free"
                  value={choice.wsPort}
                  disabled={starting}
                  error={Boolean(portError)}
                  onChange={(e) => onChoice({ wsPort: e.target.value })}
                  slotProps={{
                    htmlInput: {
                      'aria-label': 'WebSocket port',
                      inputMode: 'numeric',
                      'data-testid': 'start-wsport',
                      style: { padding: '3px 8px', fontSize: 13 },
                    },
                  }}
                  sx={{ width: 120 }}
                />
                <Typography
                  variant="caption"
                  color={portError ? 'error' : 'text.secondary'}
                  component="div"
                  sx={{ mt: 0.25, maxWidth: 220 }}
                >
                  {portError ?? 'empty: 8080, or any free port if taken'}
                </Typography>
              </Box>
              <Box>
                <Typography variant="caption" color="text.secondary" component="div" sx={{ mb: 0.25 }}>
                  Tick scale
                </Typography>
                <ToggleButtonGroup
                  exclusive
                  size="small"
                  value={choice.tickScale}
                  disabled={starting}
                  onChange={(_e, v: number | null) => v !== null && onChoice({ tickScale: v })}
                  aria-label="Tick scale"
                  sx={{
                    '& .MuiToggleButton-root': { textTransform: 'none', py: 0.25, px: 1.25, fontSize: 13 },
                  }}
                >
                  <ToggleButton value={1}>×1 nominal</ToggleButton>
                  <ToggleButton value={1.1458}>×1.1458 as hardware</ToggleButton>
                </ToggleButtonGroup>
              </Box>
            </>
          }
        />
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mt: 2.5 }}>
          <Button
            variant="contained"
            size="large"
            startIcon={starting ? <CircularProgress size={18} color="inherit" /> : <PlayArrowIcon />}
            disabled={starting || loading || Boolean(portError)}
            onClick={onStart}
            data-testid="vboard-start"
            sx={{ textTransform: 'none', minWidth: 200 }}
          >
            {starting ? 'Booting…' : 'Start virtual board'}
          </Button>
          <Typography variant="caption" color="text.secondary" sx={{ flex: 1 }}>
            {starting
              ? 'Splash screens, PSRAM and eMMC self-tests, then the servers listen (about 1.5 s).'
              : 'Takes about 1.5 s to boot.'}
          </Typography>
        </Box>
        <Box sx={{ height: 4, mt: 1.5 }}>{starting && <LinearProgress aria-label="Booting" />}</Box>
        {error && (
          <Typography variant="body2" color="error" role="alert" sx={{ mt: 1 }} data-testid="vboard-error">
            {error}
          </Typography>
        )}
      </Card>
    </Box>
  );
}
