import FlagIcon from '@mui/icons-material/OutlinedFlag';
import { Alert, IconButton, Snackbar, Tooltip } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { useShownBoard } from '../connection/ShownBoard';
import { formatTime } from '../telemetry/format';
import { runs, useRuns } from './use-runs';

/**
 * The app bar's "mark now": a note at this moment in the shown board's session (also the M key, except on the
 * Sessions page, where M marks the reviewed run at its cursor).
 */
export function LiveMarkButton({ keyActive }: { keyActive: boolean }) {
  const board = useShownBoard();
  // Keeps the runs store listening all along, so each board's markers are at hand for the live charts' PNG.
  useRuns();
  const [said, setSaid] = useState<{ ok: boolean; text: string } | undefined>();
  const id = board?.id;
  const name = board?.name;
  const mark = useCallback(() => {
    if (!id) return;
    void runs
      .markLive(id)
      .then((r) =>
        setSaid(
          r.ok
            ? { ok: true, text: `Marker added to ${name}'s session at ${formatTime(r.value.t).slice(0, 8)}.` }
            : { ok: false, text: r.error.message },
        ),
      );
  }, [id, name]);
  useEffect(() => {
    if (!keyActive) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || (e.key !== 'm' && e.key !== 'M')) return;
      if (
        e.target instanceof HTMLElement &&
        e.target.closest('input, textarea, [contenteditable="true"], [role="combobox"]')
      )
        return;
      e.preventDefault();
      mark();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keyActive, mark]);
  if (!id) return null;
  return (
    <>
      <Tooltip title={`Add a marker now to ${name}'s session (M)`}>
        <IconButton size="small" onClick={mark} aria-label="Add a marker now" data-testid="live-mark">
          <FlagIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      <Snackbar
        open={said !== undefined}
        autoHideDuration={4000}
        onClose={() => setSaid(undefined)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
      >
        <Alert severity={said?.ok ? 'success' : 'error'} variant="filled" onClose={() => setSaid(undefined)}>
          {said?.text}
        </Alert>
      </Snackbar>
    </>
  );
}
