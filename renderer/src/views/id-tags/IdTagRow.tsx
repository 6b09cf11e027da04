import type { IdTagDto } from '../../../../shared/api/types.js';
import { useAsyncAction } from '../../components/async-action.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { Time } from '../../components/Time.js';
import { useApi } from '../../store/connection.js';
import { toast } from '../../store/toasts.js';

/** One tag with its quick actions; `nowMs` comes from the view's single clock (an expiry passing shows at once). */
export function IdTagRow({ tag, members, nowMs, onEdit }: { tag: IdTagDto; members: number; nowMs: number; onEdit: () => void }) {
  const api = useApi();
  const expired = tag.expiryDate !== null && Date.parse(tag.expiryDate) <= nowMs;
  const onError = (message: string) => toast.error(`${tag.idTag}: ${message}`);
  const save = useAsyncAction(
    async (patch: Partial<IdTagDto>, done: string) => {
      await api.putIdTag(tag.idTag, {
        status: tag.status,
        expiryDate: tag.expiryDate,
        parentIdTag: tag.parentIdTag,
        description: tag.description,
        ...patch,
      });
      toast.success(done);
    },
    { onError },
  );
  const remove = useAsyncAction(
    async () => {
      if (!window.confirm(`Delete id tag ${tag.idTag}? Stations that hold it in their local list keep it until the next sync.`)) return;
      await api.deleteIdTag(tag.idTag);
      toast.success(`${tag.idTag} deleted`);
    },
    { onError },
  );
  return (
    <tr>
      <td className="mono">{tag.idTag}</td>
      <td>
        <StatusBadge status={tag.status} />
        {expired && tag.status === 'Accepted' ? (
          <span className="badge tone-muted" title="The expiry date has passed: the central system answers Expired">
            past expiry
          </span>
        ) : null}
        {tag.allowConcurrentTx !== null ? (
          <span className="badge tone-info" title="This tag's own ConcurrentTx setting (else the default setting applies)">
            {tag.allowConcurrentTx ? 'several sessions' : 'one session'}
          </span>
        ) : null}
      </td>
      <td>
        <Time value={tag.expiryDate} fallback="never" />
      </td>
      <td className="mono">{tag.parentIdTag ?? ''}</td>
      <td className="num">{members || ''}</td>
      <td>{tag.description}</td>
      <td>
        <div className="row id-tag-actions">
          <button type="button" onClick={onEdit} aria-label={`Edit ${tag.idTag}`}>
            Edit
          </button>
          {tag.status === 'Blocked' ? (
            <button type="button" onClick={() => save.run({ status: 'Accepted' }, `${tag.idTag} unblocked`)} aria-label={`Unblock ${tag.idTag}`}>
              Unblock
            </button>
          ) : (
            <button
              type="button"
              className="danger"
              onClick={() => save.run({ status: 'Blocked' }, `${tag.idTag} blocked`)}
              aria-label={`Block ${tag.idTag}`}
            >
              Block
            </button>
          )}
          <button type="button" className="danger" aria-label={`Delete ${tag.idTag}`} disabled={remove.pending} onClick={remove.run}>
            Delete
          </button>
        </div>
      </td>
    </tr>
  );
}
