import { EmptyState } from '../../components/EmptyState';

/** The virtual board: start and stop it, its endpoints, LEDs, OLED, serial log and faults. */
export function BoardPage() {
  return (
    <EmptyState title="Virtual board is stopped">
      The virtual NUCLEO-MEM board runs inside the app and answers on loopback like the real one.
    </EmptyState>
  );
}
