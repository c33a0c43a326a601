import { EmptyState } from '../../components/EmptyState';

/** Every WebSocket frame on the board link, both directions, as bytes and as meaning. */
export function FramesPage() {
  return (
    <EmptyState title="No frames captured">
      Frames of the board's WebSocket link are listed here once a board is connected.
    </EmptyState>
  );
}
