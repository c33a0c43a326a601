import { EmptyState } from '../../components/EmptyState';

/** Memory regions, pools and their live use. */
export function MemoryPage() {
  return (
    <EmptyState title="No memory data">
      The memory map and pool use of the board appear here. Start the virtual board to see its pools live.
    </EmptyState>
  );
}
