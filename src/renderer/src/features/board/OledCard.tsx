import { Box, Card, CardContent, Tooltip, Typography } from '@mui/material';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { OledView } from '../../../../shared/bridge/contracts/board';
import { OLED_H, OLED_W, oledLines, paintFrame, renderFrame } from './oled-draw';

const LIT = [207, 230, 255] as const;

const kindWords: Record<OledView['kind'], string> = {
  off: 'display off',
  logo: 'boot: splash screen',
  'tag-id': 'boot: TAG-ID screen',
  message: 'boot: info message',
  status: 'run-time status screen',
  error: 'error screen',
};

/** Pixels per OLED pixel that fit the card: 2 to 5. */
function useFitScale(ref: React.RefObject<HTMLElement | null>): number {
  const [scale, setScale] = useState(4);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const fit = () => setScale(Math.max(2, Math.min(4, Math.floor((el.clientWidth - 18) / OLED_W))));
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return scale;
}

/** The SSD1306 128×32 OLED as the board draws it (docs/firmware-protocol.md §10), with its text for screen readers. */
export function OledCard({ oled }: { oled: OledView | undefined }) {
  const view: OledView = oled ?? { kind: 'off' };
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const scale = useFitScale(box);
  const scratch = useMemo(() => {
    const c = document.createElement('canvas');
    c.width = OLED_W;
    c.height = OLED_H;
    return c.getContext('2d', { willReadFrequently: true });
  }, []);
  const key = JSON.stringify(view);

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx || !scratch) return;
    paintFrame(renderFrame(view, scratch), ctx, scale, LIT);
    // `key` stands for `view`: redraw when the content changes, not when the object does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, scale, scratch]);

  const lines = oledLines(view);
  const label = lines.length ? `OLED display: ${lines.join(' · ')}` : 'OLED display: dark';
  return (
    <Card variant="outlined">
      <CardContent sx={{ p: 1.5, pb: '8px !important' }}>
        <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1 }}>
          <Typography variant="overline" color="text.secondary">
            OLED · SSD1306 128×32
          </Typography>
          <Tooltip title="What the firmware draws: boot screens, then WPT state, Ethernet link and IP address. It never shows WebSocket clients, LEDs or telemetry.">
            <Typography variant="caption" color="text.secondary" sx={{ ml: 'auto' }} data-testid="oled-kind">
              {kindWords[view.kind]}
            </Typography>
          </Tooltip>
        </Box>
        <Box ref={box} sx={{ display: 'flex', justifyContent: 'center', py: 0.5 }}>
          <Box
            sx={{
              p: 1,
              bgcolor: '#000',
              borderRadius: 1,
              border: '1px solid #2a2f35',
              boxShadow: 'inset 0 0 12px rgba(0,0,0,0.9)',
              lineHeight: 0,
            }}
          >
            <canvas
              ref={canvas}
              width={OLED_W * scale}
              height={OLED_H * scale}
              role="img"
              aria-label={label}
              data-testid="oled"
              data-kind={view.kind}
              style={{ imageRendering: 'pixelated', width: OLED_W * scale, height: OLED_H * scale }}
            />
          </Box>
        </Box>
        <Box component="ul" data-testid="oled-lines" sx={visuallyHidden}>
          {lines.map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </Box>
      </CardContent>
    </Card>
  );
}

// In sx a width or height of 1 means 100 %: give pixels, or the hidden list spans the window and widens the page.
const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  p: 0,
  m: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;
