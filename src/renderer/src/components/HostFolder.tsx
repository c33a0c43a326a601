import FolderOpenIcon from '@mui/icons-material/FolderOpenOutlined';
import { Box, Button, Tooltip, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import type { HostFolderPurpose, HostFoldersView } from '../../../shared/bridge/contracts/host';
import { api } from '../bridge';
import { mono } from '../ui/theme';

/** The folders the bench writes into, and (desktop app only) a native dialog to choose another. */
export function useHostFolders() {
  const [view, setView] = useState<HostFoldersView | undefined>();
  useEffect(() => {
    let live = true;
    void api.invoke('host:folders', {}).then((r) => live && r.ok && setView(r.value));
    return () => {
      live = false;
    };
  }, []);
  const choose = async (purpose: HostFolderPurpose): Promise<string | undefined> => {
    const r = await api.invoke('host:choose-folder', { purpose });
    if (!r.ok) return r.error.message;
    setView(r.value.folders);
    return undefined;
  };
  return { view, setView, choose };
}

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
