import PauseIcon from '@mui/icons-material/Pause';
import PlayIcon from '@mui/icons-material/PlayArrow';
import { Button } from '@mui/material';

/**
 * Pauses or resumes a live view (the view only: data keeps arriving). One look on every page: outlined while live,
 * filled in the warning colour while paused, so a frozen view is not mistaken for a quiet board.
 */
export function PauseButton({
  paused,
  onClick,
  testId,
  resumeLabel = 'Resume',
  title,
}: {
  paused: boolean;
  onClick: () => void;
  testId: string;
  resumeLabel?: string;
  /** A tooltip, e.g. the keyboard shortcut. */
  title?: string;
}) {
  return (
    <Button
      size="small"
      variant={paused ? 'contained' : 'outlined'}
      color={paused ? 'warning' : 'primary'}
      startIcon={paused ? <PlayIcon /> : <PauseIcon />}
      onClick={onClick}
      data-testid={testId}
      title={title}
      sx={{ flexShrink: 0 }}
    >
      {paused ? resumeLabel : 'Pause'}
    </Button>
  );
}
