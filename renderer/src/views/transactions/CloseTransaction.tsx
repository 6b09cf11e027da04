import { useState } from 'react';
import type { TransactionDto } from '../../../../shared/api/types.js';
import { useAsyncAction } from '../../components/async-action.js';
import { Field } from '../../components/Field.js';
import { useApi } from '../../store/connection.js';
import { toast } from '../../store/toasts.js';

const NOTE_MAX = 1000;

/**
 * The operator closes a transaction the station will never stop (station replaced, deleted, lost its memory): it is
 * recorded as ended by the operator with reason Other, and the note says why.
 */
export function CloseTransaction({ tx, onClosed }: { tx: TransactionDto; onClosed: () => void }) {
  const api = useApi();
  const [note, setNote] = useState('');
  const noteError = note.length > NOTE_MAX ? `At most ${NOTE_MAX} characters (${note.length})` : null;
  const close = useAsyncAction(async () => {
    if (noteError) return;
    await api.closeTransaction(tx.id, note.trim() || undefined);
    toast.success(`Transaction ${tx.id} closed`);
    onClosed();
  });
  return (
    <form className="stack" aria-label="Close by the operator" onSubmit={close.submit}>
      <Field label="Note" error={noteError ?? close.error} hint="Why it is closed, e.g. station replaced">
        {(p) => <input {...p} value={note} onChange={(e) => setNote(e.target.value)} maxLength={NOTE_MAX + 1} />}
      </Field>
      <div>
        <button type="submit" disabled={close.pending}>
          {close.pending ? 'Closing…' : 'Close (operator)'}
        </button>
      </div>
    </form>
  );
}
