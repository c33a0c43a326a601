import { EmptyState } from '../../components/EmptyState';

/** Live charts of every numeric telemetry field. */
export function TelemetryPage() {
  return (
    <EmptyState title="No telemetry yet">
      Charts appear here as soon as the selected board sends telemetry. Start the virtual board or connect a
      real one.
    </EmptyState>
  );
}
