import { toast } from '../store/toasts.js';
import { useAsyncAction } from './async-action.js';

/**
 * A button that fetches an export through the API and saves it as a file (`exportFile` does both, see
 * downloadFile); "Exporting…" while it runs, and a failure is told in a toast.
 */
export function ExportButton({ label, exportFile }: { label: string; exportFile: () => Promise<void> }) {
  const action = useAsyncAction(exportFile, { onError: (message) => toast.error(`Export failed: ${message}`) });
  return (
    <button type="button" onClick={action.run} disabled={action.pending}>
      {action.pending ? 'Exporting…' : label}
    </button>
  );
}
