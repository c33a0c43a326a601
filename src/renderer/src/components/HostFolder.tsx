import FolderOpenIcon from '@mui/icons-material/FolderOpenOutlined';
import { Box, Button, Tooltip, Typography } from '@mui/material';
import type { HostFolderPurpose } from '../../../shared/bridge/contracts/host';
import { mono } from '../ui/theme';
import { useHostFolders } from './use-host-folders';

export { useHostFolders };

/**
 * Where the bench saves files of one purpose, shown as a path (never typed). The desktop app adds "Choose…" (a
 * native folder dialog); in browser mode the folder is the bench's own and each file is also downloaded here.
 */
export function HostFolder({
  purpose,
  disabled,
  testId,
  onError,
}: {
  purpose: HostFolderPurpose;
  disabled?: boolean;
  testId?: string;
  onError: (message: string) => void;
}) {
  const { view, choose } = useHostFolders();
  const path = view?.[purpose];
  const help = view?.canChoose
    ? `Files are saved in ${path ?? '…'}`
    : `Saved on the bench computer in ${path ?? '…'}, and downloaded to this browser`;
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, minWidth: 0 }}>
      <Tooltip title={help}>
        <Typography
          variant="body2"
          noWrap
          sx={{ fontFamily: mono, fontSize: 12, maxWidth: 280, color: 'text.secondary' }}
          data-testid={testId}
        >
          {path ?? '…'}
        </Typography>
      </Tooltip>
      {view?.canChoose && (
        <Button
          size="small"
          startIcon={<FolderOpenIcon />}
          disabled={disabled}
          onClick={() => void choose(purpose).then((err) => err && onError(err))}
        >
          Choose…
        </Button>
      )}
    </Box>
  );
}
