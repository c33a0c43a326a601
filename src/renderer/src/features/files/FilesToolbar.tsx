import CreateNewFolderIcon from '@mui/icons-material/CreateNewFolderOutlined';
import DeleteIcon from '@mui/icons-material/DeleteOutlineOutlined';
import DownloadIcon from '@mui/icons-material/Download';
import DriveFileRenameIcon from '@mui/icons-material/DriveFileRenameOutline';
import DriveFolderUploadIcon from '@mui/icons-material/DriveFolderUpload';
import FileDownloadIcon from '@mui/icons-material/SaveAlt';
import RefreshIcon from '@mui/icons-material/Refresh';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import TerminalIcon from '@mui/icons-material/InputOutlined';
import { Box, Breadcrumbs, Divider, IconButton, Link, Tooltip } from '@mui/material';
import type { ReactElement } from 'react';
import { ToolRow } from '../../components/ToolRow';
import { joinPath } from './format';

/** What the toolbar can do; each undefined action is shown disabled. */
export interface ToolbarActions {
  uploadFiles: () => void;
  uploadFolder: () => void;
  /** Desktop app only: upload a folder picked in a native dialog. */
  uploadFromHost?: () => void;
  newFolder: () => void;
  rename?: () => void;
  remove?: () => void;
  download?: () => void;
  saveHere?: () => void;
  refresh: () => void;
}

function Tool({
  title,
  icon,
  onClick,
  testId,
}: {
  title: string;
  icon: ReactElement;
  onClick?: () => void;
  testId: string;
}) {
  return (
    <Tooltip title={title}>
      <span>
        <IconButton
          size="small"
          aria-label={title}
          disabled={!onClick}
          onClick={onClick}
          data-testid={testId}
        >
          {icon}
        </IconButton>
      </span>
    </Tooltip>
  );
}

/** Breadcrumbs of the current folder and the file actions. */
export function FilesToolbar({
  path,
  onOpen,
  actions,
}: {
  path: string;
  onOpen: (p: string) => void;
  actions: ToolbarActions;
}) {
  const segs = path.split('/').filter(Boolean);
  const crumbs = [
    { label: 'eMMC', path: '/' },
    ...segs.map((s, i) => ({ label: s, path: segs.slice(0, i + 1).reduce((a, b) => joinPath(a, b), '/') })),
  ];
  return (
    <ToolRow sx={{ flexWrap: 'nowrap', px: 1, py: 0.5, minWidth: 0 }}>
      <Breadcrumbs
        aria-label="Folder path"
        maxItems={6}
        sx={{ flex: 1, minWidth: 0, '& ol': { flexWrap: 'nowrap' }, '& li': { whiteSpace: 'nowrap' } }}
        data-testid="breadcrumbs"
      >
        {crumbs.map((c, i) =>
          i === crumbs.length - 1 ? (
            <Box key={c.path} component="span" sx={{ color: 'text.primary', fontWeight: 600 }}>
              {c.label}
            </Box>
          ) : (
            <Link
              key={c.path}
              component="button"
              underline="hover"
              color="inherit"
              onClick={() => onOpen(c.path)}
            >
              {c.label}
            </Link>
          ),
        )}
      </Breadcrumbs>
      <Tool
        title="Upload files"
        icon={<UploadFileIcon />}
        onClick={actions.uploadFiles}
        testId="tool-upload-files"
      />
      <Tool
        title="Upload a folder"
        icon={<DriveFolderUploadIcon />}
        onClick={actions.uploadFolder}
        testId="tool-upload-folder"
      />
      <Tool
        title="Upload a folder from the bench computer (desktop app)"
        icon={<TerminalIcon />}
        onClick={actions.uploadFromHost}
        testId="tool-upload-host"
      />
      <Divider orientation="vertical" flexItem />
      <Tool
        title="New folder"
        icon={<CreateNewFolderIcon />}
        onClick={actions.newFolder}
        testId="tool-new-folder"
      />
      <Tool title="Rename" icon={<DriveFileRenameIcon />} onClick={actions.rename} testId="tool-rename" />
      <Tool title="Delete (Del)" icon={<DeleteIcon />} onClick={actions.remove} testId="tool-delete" />
      <Divider orientation="vertical" flexItem />
      <Tool
        title="Download to a folder on the bench computer"
        icon={<DownloadIcon />}
        onClick={actions.download}
        testId="tool-download"
      />
      <Tool
        title="Save to this computer (files up to 20 MB)"
        icon={<FileDownloadIcon />}
        onClick={actions.saveHere}
        testId="tool-save-here"
      />
      <Tool title="Refresh" icon={<RefreshIcon />} onClick={actions.refresh} testId="tool-refresh" />
    </ToolRow>
  );
}
