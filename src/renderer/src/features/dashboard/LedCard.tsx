import { Box, Button, Card, CardContent, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import type { LedStatus } from '../../../../shared/bridge/contracts/links';
import { LedDot } from '../../components/LedDot';
import { signal } from '../../ui/theme';
import { linksStore } from '../connection/links-context';

type Led = 'yellow' | 'red';
const ANSWER_MS = 5000;

/**
 * The controllable LEDs of board `boardId` (as it last reported them) and the heartbeat LED. Keyed by the board
 * by its parent, so a command waiting for one board's answer is never shown on another's.
 */
export function LedCard({
  boardId,
  leds,
  connected,
  live = connected,
  lostCore,
}: {
  boardId: string;
  leds: LedStatus | undefined;
  connected: boolean;
  /** False while the link is stale or closed: the LEDs shown are the last report, dimmed. */
  live?: boolean;
  /** Set while the page has lost the bench core: the LEDs are the last it said, and no command can go. */
  lostCore?: boolean;
}) {
  // Which LED waits for the board's answer, since when; cleared by the next led-status.
  const [pending, setPending] = useState<{ led: Led; reportAt: number } | undefined>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (pending && leds && leds.at > pending.reportAt) setPending(undefined);
  }, [leds, pending]);
  useEffect(() => {
    if (!pending) return;
    const t = window.setTimeout(() => {
      setPending(undefined);
      setError('The board did not report its LEDs within 5 s; the command may have been lost.');
    }, ANSWER_MS);
    return () => window.clearTimeout(t);
  }, [pending]);

  const toggle = async (led: Led) => {
    if (!leds) return;
    setError(undefined);
    setPending({ led, reportAt: leds.at });
    const r = await linksStore.setLed(boardId, led, !leds[led]);
    if (!r.ok) {
      setPending(undefined);
      setError(r.error.message);
    }
  };

  const row = (led: Led, label: string, color: string) => {
    const on = leds?.[led] ?? false;
    const waiting = pending?.led === led;
    return (
      <Box
        sx={{ display: 'flex', alignItems: 'center', gap: 1.5, py: 0.75 }}
        data-testid={`led-${led}`}
        data-state={leds ? (on ? 'on' : 'off') : 'unknown'}
        data-fresh={live ? 'live' : 'stale'}
      >
        <Box sx={{ opacity: live ? 1 : 0.4, display: 'flex' }}>
          <LedDot color={color} on={on} />
        </Box>
        <Box sx={{ flex: 1 }}>
          <Typography variant="body2">{label}</Typography>
          <Typography variant="caption" color="text.secondary">
            {leds ? (on ? 'ON' : 'OFF') : 'unknown'}
            {waiting && ' · waiting for board…'}
          </Typography>
        </Box>
        <Button
          size="small"
          variant={on ? 'contained' : 'outlined'}
          color={on ? 'success' : 'inherit'}
          disabled={!connected || !leds || Boolean(pending)}
          onClick={() => void toggle(led)}
          data-testid={`led-${led}-toggle`}
          sx={{ minWidth: 92, textTransform: 'none' }}
        >
          {on ? 'Turn OFF' : 'Turn ON'}
        </Button>
      </Box>
    );
  };

  return (
    <Card variant="outlined" sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="overline" color="text.secondary">
          LED control
        </Typography>
        {row('yellow', 'Yellow LED (PE1)', signal.ledYellow)}
        {row('red', 'Red LED (PB14)', signal.ledRed)}
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, py: 0.75 }}>
          <LedDot color={signal.ledGreen} on={live} pulse={live} />
          <Box sx={{ flex: 1 }}>
            <Typography variant="body2">Green LED (PB0)</Typography>
            <Typography variant="caption" color="text.secondary">
              heartbeat, not controllable
            </Typography>
          </Box>
        </Box>
        <Typography
          variant="caption"
          color={error ? 'error' : 'text.secondary'}
          role={error ? 'alert' : undefined}
          sx={{ display: 'block', mt: 1, minHeight: 20 }}
        >
          {error ??
            (lostCore
              ? `${leds ? 'Last reported state: the' : 'Not known: the'} page has lost the bench core.`
              : !leds
                ? 'Waiting for the board to report its LEDs…'
                : connected && live
                  ? 'Buttons ask the board; the display follows only its led-status reply.'
                  : connected
                    ? 'Last reported state: the board has gone silent.'
                    : 'Last reported state: the board is not connected.')}
        </Typography>
      </CardContent>
    </Card>
  );
}
