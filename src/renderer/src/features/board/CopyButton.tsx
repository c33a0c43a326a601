import CheckIcon from '@mui/icons-material/Check';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlineOutlined';
import { IconButton, Tooltip } from '@mui/material';
import { useEffect, useState } from 'react';

/** Copies `text` to the clipboard and says so for two seconds (or says why it could not). */
export function CopyButton({ text, what, testId }: { text: string; what: string; testId?: string }) {
  const [done, setDone] = useState<'copied' | 'failed'>();
  useEffect(() => {
    if (!done) return;
    const t = window.setTimeout(() => setDone(undefined), 2000);
    return () => window.clearTimeout(t);
  }, [done]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setDone('copied');
    } catch {
      setDone('failed');
    }
  };
  const title =
    done === 'copied'
      ? 'Copied'
      : done === 'failed'
        ? 'The clipboard refused; select the text instead'
        : `Copy the ${what}`;
  return (
    <Tooltip title={title} open={done ? true : undefined}>
      <IconButton
        size="small"
        aria-label={`Copy the ${what}`}
        onClick={() => void copy()}
        data-testid={testId}
        data-copied={done ?? ''}
      >
        {done === 'copied' ? (
          <CheckIcon fontSize="inherit" color="success" />
        ) : done === 'failed' ? (
          <ErrorOutlineIcon fontSize="inherit" color="error" />
        ) : (
          <ContentCopyIcon fontSize="inherit" />
        )}
      </IconButton>
    </Tooltip>
  );
}
