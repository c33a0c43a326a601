import { EmptyState } from '../../components/EmptyState';

/** The board's eMMC over FTP. */
export function FilesPage() {
  return (
    <EmptyState title="No eMMC to browse">
      The board's eMMC is browsed over FTP. Connect a board that has an FTP port to see its files.
    </EmptyState>
  );
}
