import { Box, Card, CardContent, Typography } from '@mui/material';
import type { TelemetryLatest } from '../../../../shared/bridge/contracts/links';
import { float32Text } from '../../../../shared/format/float32';
import { Sparkline } from '../../components/Sparkline';
import { mono } from '../../ui/theme';
import { ageWords, formatUptime } from '../connection/wire-words';
import type { Freshness } from '../connection/freshness';

interface CardDef {
  readonly key: string;
  readonly label: string;
  readonly hint: string;
  readonly unit?: string;
  readonly format: (v: number) => string;
  readonly color: string;
}

const cards: readonly CardDef[] = [
  {
    key: 'junctionTemp',
    label: 'MCU junction temp',
    hint: 'DTS sensor, reported in whole °C',
    unit: '°C',
    // The firmware sends whole degrees: a decimal place here would claim a precision the sensor read-out lacks.
    format: (v) => float32Text(v),
    color: '#FF8A65',
  },
  {
    key: 'randomFloat',
    label: 'Random float',
    hint: '0 – 99.99, a float32 on the board',
    format: (v) => float32Text(v),
    color: '#4FC3F7',
  },
  {
    key: 'randomInt',
    label: 'Random integer',
    hint: '0 – 1000',
    format: (v) => String(v),
    color: '#BA68C8',
  },
  {
    key: 'uptime',
    label: 'RTOS uptime',
    hint: 'seconds since the scheduler started',
    format: (v) => formatUptime(v),
    color: '#AED581',
  },
];

/** The last values of one field, oldest first, as a line. */
function RecentValues({ values, color }: { values: readonly number[]; color: string }) {
  return (
    <Box sx={{ height: 40, mt: 1 }} aria-hidden>
      {values.length > 1 && <Sparkline data={values.map((v, x) => ({ x, v }))} color={color} height="100%" />}
    </Box>
  );
}

/**
 * The firmware's four telemetry values as the board meant them (float32 fields by their shortest float32 text, so
 * 55.310001373291016 reads 55.31), each with the last ~60 values.
 */
export function TelemetryCards({
  telemetry,
  fresh,
  now,
}: {
  telemetry: TelemetryLatest | undefined;
  /** Stale values are dimmed and say their age (`now` − their receipt time). */
  fresh: Freshness;
  now: number;
}) {
  const stale = fresh.kind === 'stale';
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))', gap: 1.5 }}>
      {cards.map((c) => {
        const v = telemetry?.values[c.key];
        return (
          <Card
            key={c.key}
            variant="outlined"
            data-testid={`tele-${c.key}`}
            data-fresh={fresh.kind}
            sx={stale ? { '& .tele-live': { opacity: 0.4 } } : undefined}
          >
            <CardContent sx={{ pb: '12px !important' }}>
              <Typography variant="overline" color="text.secondary" sx={{ lineHeight: 1.5 }}>
                {c.label}
              </Typography>
              <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 0.75 }}>
                <Typography
                  className="tele-live"
                  data-testid={`tele-${c.key}-value`}
                  sx={{ fontFamily: mono, fontSize: 26, fontWeight: 600, lineHeight: 1.2 }}
                >
                  {v === undefined ? '--' : c.format(v)}
                </Typography>
                {c.unit && (
                  <Typography className="tele-live" color="text.secondary">
                    {c.unit}
                  </Typography>
                )}
                {fresh.kind === 'stale' && (
                  <Typography
                    variant="caption"
                    color="warning.main"
                    data-testid={`tele-${c.key}-age`}
                    sx={{ ml: 'auto', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}
                  >
                    {ageWords(fresh.at, now)} ago
                  </Typography>
                )}
              </Box>
              <Typography variant="caption" color="text.secondary">
                {c.hint}
              </Typography>
              <Box className="tele-live">
                <RecentValues values={telemetry?.history[c.key] ?? []} color={c.color} />
              </Box>
            </CardContent>
          </Card>
        );
      })}
    </Box>
  );
}
