import { Box, Card, CardContent, Switch, Tooltip, Typography } from '@mui/material';
import type { VirtualBoardView } from '../../../../shared/bridge/contracts/board';
import { LedDot } from '../../components/LedDot';
import { signal } from '../../ui/theme';

const GPIO_TIP =
  'A led-command sets both the GPIO and the tracked state. This switch drives only the pin, as a probe or a debugger write would. The firmware does not notice: its led-status ' +
  'keeps reporting the state the last led-command set (the tracked state), as on the real board. So a client may ' +
  'read "off" while the LED is lit.';

const onOff = (b: boolean) => (b ? 'on' : 'off');

/** The three user LEDs of the virtual board: GPIO levels, the tracked state led-status reports, and GPIO overrides. */
export function BoardLedsCard({
  board,
  onGpio,
}: {
  board: VirtualBoardView;
  onGpio: (led: 'yellow' | 'red', on: boolean) => void;
}) {
  const row = (led: 'yellow' | 'red', label: string, pin: string, color: string) => {
    const gpio = board.leds[led];
    const tracked = led === 'yellow' ? board.trackedLeds.yellowLed : board.trackedLeds.redLed;
    return (
      <Box
        sx={{ display: 'flex', alignItems: 'center', gap: 1.5, py: 0.5 }}
        data-testid={`vled-${led}`}
        data-state={onOff(gpio)}
        data-tracked={onOff(tracked)}
      >
        <LedDot color={color} on={gpio} size={20} />
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="body2">
            {label}{' '}
            <Typography component="span" variant="caption" color="text.secondary">
              {pin}
            </Typography>
          </Typography>
          <Typography variant="caption" color="text.secondary" component="div" noWrap>
            GPIO <b>{gpio ? 'ON' : 'OFF'}</b> · led-status reports <b>{tracked ? 'ON' : 'OFF'}</b>
            {gpio !== tracked && (
              <Box component="span" sx={{ color: 'warning.main' }}>
                {' '}
                · differs
              </Box>
            )}
          </Typography>
        </Box>
        <Tooltip title={GPIO_TIP}>
          <Box component="label" sx={{ display: 'flex', alignItems: 'center', cursor: 'pointer' }}>
            <Typography variant="caption" color="text.secondary">
              GPIO
            </Typography>
            <Switch
              size="small"
              checked={gpio}
              onChange={(e) => onGpio(led, e.target.checked)}
              slotProps={{ input: { 'aria-label': `Drive the ${led} LED's GPIO directly` } }}
              data-testid={`vled-${led}-gpio`}
            />
          </Box>
        </Tooltip>
      </Box>
    );
  };
  return (
    <Card variant="outlined">
      <CardContent sx={{ p: 1.5, pb: '8px !important' }}>
        <Typography variant="overline" color="text.secondary">
          LEDs
        </Typography>
        <Box
          sx={{ display: 'flex', alignItems: 'center', gap: 1.5, py: 0.5 }}
          data-testid="vled-green"
          data-state={onOff(board.leds.green)}
        >
          <LedDot color={signal.ledGreen} on={board.leds.green} size={20} />
          <Box sx={{ flex: 1 }}>
            <Typography variant="body2">
              Green LD1{' '}
              <Typography component="span" variant="caption" color="text.secondary">
                PB0
              </Typography>
            </Typography>
            <Typography variant="caption" color="text.secondary" component="div" noWrap>
              heartbeat: on 10 ticks, off 500 · not controllable, not reported
            </Typography>
          </Box>
        </Box>
        {row('yellow', 'Yellow LD2', 'PE1', signal.ledYellow)}
        {row('red', 'Red LD3', 'PB14', signal.ledRed)}
      </CardContent>
    </Card>
  );
}
