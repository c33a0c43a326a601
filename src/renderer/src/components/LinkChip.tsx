import { Box, Chip, Tooltip } from '@mui/material';

/** How a wire is doing, in a word and a colour; the colour is never the only sign. */
export type LinkTone = 'ok' | 'busy' | 'warn' | 'error' | 'off';

/** The dot colour of each tone. */
export const toneColor: Record<LinkTone, string> = {
  ok: '#66BB6A',
  busy: '#4FC3F7',
  warn: '#FFB300',
  error: '#FF5252',
  off: '#757575',
};

/** A link chip: "WS ● open". The tooltip says what the app is doing and why. */
export function LinkChip({
  label,
  word,
  tone,
  detail,
  testId,
}: {
  label: string;
  word: string;
  tone: LinkTone;
  detail?: string;
  testId?: string;
}) {
  return (
    <Tooltip title={detail ?? `${label}: ${word}`}>
      <Chip
        size="small"
        variant="outlined"
        data-testid={testId}
        data-tone={tone}
        label={
          <Box component="span" sx={{ display: 'flex', alignItems: 'center', gap: 0.75, minWidth: 0 }}>
            <Box component="span" sx={{ fontWeight: 600 }}>
              {label}
            </Box>
            <Box
              component="span"
              aria-hidden
              sx={{
                width: 8,
                height: 8,
                borderRadius: '50%',
                bgcolor: toneColor[tone],
                display: 'inline-block',
              }}
            />
            <Box component="span" sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
              {word}
            </Box>
          </Box>
        }
        sx={{ borderColor: 'divider', maxWidth: 260 }}
      />
    </Tooltip>
  );
}
