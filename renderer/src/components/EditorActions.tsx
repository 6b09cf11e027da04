/**
 * The end of an editor form: why the last save failed (if it did), then Save and Cancel, and how many fields still
 * need attention, so a refused save never leaves the operator looking for what to fix.
 */
export function EditorActions({
  pending,
  saveLabel,
  saveError,
  onCancel,
  errorCount = 0,
}: {
  pending: boolean;
  saveLabel: string;
  saveError: string | null;
  onCancel: () => void;
  /** Fields marked with a problem; counted beside the buttons. */
  errorCount?: number;
}) {
  return (
    <>
      {saveError ? (
        <div className="error-box" role="alert">
          {saveError}
        </div>
      ) : null}
      <div className="row editor-actions">
        <button type="submit" className="primary" disabled={pending}>
          {pending ? 'Saving…' : saveLabel}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        {errorCount ? (
          <span className="field-error">{errorCount === 1 ? 'One field needs attention.' : `${errorCount} fields need attention.`}</span>
        ) : null}
      </div>
    </>
  );
}
