import { EmptyState } from '../../components/EmptyState';

/** LEDs, telemetry cards and link state of the selected board. */
export function DashboardPage() {
  return (
    <EmptyState title="No board connected">
      Start the virtual board on the Board page, or add a real board with the selector in the app bar.
    </EmptyState>
  );
}
