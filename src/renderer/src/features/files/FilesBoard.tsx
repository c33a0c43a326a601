import { Box, Typography } from '@mui/material';
import type { FilesState } from '../../../../shared/bridge/contracts/files';
import { VirtualBadge } from '../connection/BoardSelector';
import { useBoardProfiles } from '../connection/links-context';

/**
 * Whose eMMC the Files page shows: the FTP target's board by its profile name (with the "virtual" badge), or the
 * server's address when the target is no saved board (the developer option that browses any FTP server).
 */
export function FilesBoard({ target }: { target: FilesState['target'] }) {
  const profiles = useBoardProfiles();
  if (!target) return null;
  const profile = profiles?.profiles.find((p) => p.id === target.boardId);
  return (
    <Box
      data-testid="files-board"
      sx={{ display: 'flex', alignItems: 'center', gap: 1, flexShrink: 0, minWidth: 0 }}
    >
      <Typography variant="subtitle2" component="h2" sx={{ fontWeight: 700, whiteSpace: 'nowrap' }}>
        Files · {profile ? profile.name : `FTP server ${target.host}:${target.port}`}
      </Typography>
      {profile && (
        <Typography variant="body2" color="text.secondary" noWrap>
          {profile.host}
        </Typography>
      )}
      {profile?.kind === 'virtual' && <VirtualBadge />}
    </Box>
  );
}
