import { Box, Chip, Popover, Stack, Typography, useMediaQuery } from '@mui/material';
import { useState, useSyncExternalStore } from 'react';
import { LinkChip, toneColor, type LinkTone } from '../../components/LinkChip';
import { useLinksState, useNow } from './links-context';
import { coreLinkStore } from './use-connection-stores';
import { wireWord } from './wire-words';

const wires = [
  { key: 'ws', label: 'WS' },
  { key: 'http', label: 'HTTP' },
  { key: 'ftp', label: 'FTP' },
  { key: 'serial', label: 'Serial' },
] as const;

/** Below this window width the chips fold into one summary chip, so the app bar never cuts one off. */
export const CHIPS_FOLD_QUERY = '(max-width: 1099.95px)';

/** One chip's content: what the app bar shows for a wire. */
interface ChipView {
  readonly label: string;
  readonly word: string;
  readonly tone: LinkTone;
  readonly detail: string;
  readonly testId: string;
}

const severity: Record<LinkTone, number> = { ok: 0, off: 1, busy: 2, warn: 3, error: 4 };

/** The app core's own link (browser mode's WebSocket, or Electron IPC), then one chip per board wire. */
export function LinkChips() {
  const now = useNow(500);
  const state = useLinksState();
  const core = useCoreChip(now);
  const folded = useMediaQuery(CHIPS_FOLD_QUERY);
  const views: ChipView[] = wires.map(({ key, label }) => {
    const w = state?.[key];
    const { word, tone } = wireWord(w, now);
    return { label, word, tone, detail: w?.detail ? w.detail : `${label}: ${word}`, testId: `chip-${key}` };
  });
  views.push(core);
  return folded ? (
    <FoldedChips views={views} />
  ) : (
    <Box sx={{ display: 'flex', gap: 0.75, alignItems: 'center', flexShrink: 0 }} data-testid="link-chips">
      {views.map((v) => (
        <LinkChip key={v.testId} {...v} />
      ))}
    </Box>
  );
}

/**
 * One chip that names the worst wire ("FTP failed: refused") or says all is well ("Links 5 open"); a click lists
 * every chip with its explanation.
 */
function FoldedChips({ views }: { views: readonly ChipView[] }) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const worst = views.reduce((a, b) => (severity[b.tone] > severity[a.tone] ? b : a));
  const open = views.filter((v) => v.tone === 'ok').length;
  const off = views.filter((v) => v.tone === 'off').length;
  const troubled = views.length - open - off;
  const summary =
    severity[worst.tone] <= severity.off
      ? `${open} open${off > 0 ? ` · ${off} off` : ''}`
      : `${worst.label} ${worst.word}${troubled > 1 ? ` (+${troubled - 1})` : ''}`;
  return (
    <>
      <Chip
        size="small"
        variant="outlined"
        clickable
        data-testid="link-chips-folded"
        data-tone={worst.tone}
        aria-label={`Links: ${summary}. Show every link.`}
        onClick={(e) => setAnchor(e.currentTarget)}
        sx={{ borderColor: 'divider', maxWidth: 240, minWidth: 0 }}
        label={
          <Box component="span" sx={{ display: 'flex', alignItems: 'center', gap: 0.75, minWidth: 0 }}>
            <Box component="span" sx={{ fontWeight: 600 }}>
              Links
            </Box>
            <Box
              component="span"
              aria-hidden
              sx={{ width: 8, height: 8, borderRadius: '50%', bgcolor: toneColor[worst.tone], flex: 'none' }}
            />
            <Box component="span" sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
              {summary}
            </Box>
          </Box>
        }
      />
      <Popover
        open={anchor !== null}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
      >
        <Stack spacing={1.25} sx={{ p: 2, maxWidth: 380 }} data-testid="link-chips">
          {views.map((v) => (
            <Box key={v.testId}>
              <LinkChip {...v} />
              <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
                {v.detail}
              </Typography>
            </Box>
          ))}
        </Stack>
      </Popover>
    </>
  );
}

function useCoreChip(now: number): ChipView {
  const { bridge, beat } = useSyncExternalStore(coreLinkStore.subscribe, coreLinkStore.snapshot);
  const stale = beat && bridge.kind === 'open' && now - beat.at > 5000;
  const word =
    bridge.kind === 'open'
      ? stale
        ? 'stale'
        : 'connected'
      : bridge.kind === 'connecting'
        ? 'connecting'
        : bridge.kind === 'refused'
          ? 'restarted'
          : 'lost';
  const tone: LinkTone =
    bridge.kind === 'open' ? (stale ? 'warn' : 'ok') : bridge.kind === 'connecting' ? 'busy' : 'error';
  const detail =
    bridge.kind === 'closed'
      ? `The page lost its connection to the app core ${Math.round((now - bridge.since) / 1000)} s ago; retrying in ${Math.max(0, Math.ceil((bridge.retryAt - now) / 1000))} s.`
      : bridge.kind === 'refused'
        ? 'The bench was restarted and no longer knows this page: open the new address it printed.'
        : bridge.kind === 'open'
          ? 'The page is connected to the app core.'
          : 'Connecting to the app core…';
  return { label: 'Core', word, tone, detail, testId: 'chip-core' };
}
