import { useState } from 'react';

/** Delete in two clicks: the first turns the button into "Confirm delete", so a slip of the mouse deletes nothing. */
export function ConfirmDeleteButton({ name, onDelete, disabled = false }: { name: string; onDelete: () => void; disabled?: boolean }) {
  const [confirming, setConfirming] = useState(false);
  return confirming ? (
    <button
      type="button"
      className="danger"
      disabled={disabled}
      onClick={() => {
        setConfirming(false);
        onDelete();
      }}
      aria-label={`Confirm delete ${name}`}
    >
      Confirm delete
    </button>
  ) : (
    <button type="button" className="danger" disabled={disabled} onClick={() => setConfirming(true)} aria-label={`Delete ${name}`}>
      Delete
    </button>
  );
}
