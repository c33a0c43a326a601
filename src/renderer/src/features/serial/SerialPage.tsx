import { EmptyState } from '../../components/EmptyState';

/** The board's USART3 console. */
export function SerialPage() {
  return (
    <EmptyState title="No serial port open">
      Open the board's ST-LINK virtual COM port (115200 8N1) to see its boot log, or start the virtual board.
    </EmptyState>
  );
}
