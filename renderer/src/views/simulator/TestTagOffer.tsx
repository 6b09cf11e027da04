import type { IdTagDto, ListResponse } from '../../../../shared/api/types.js';
import { useAsyncAction } from '../../components/async-action.js';
import { useApi } from '../../store/connection.js';
import { eventsOf } from '../../store/event-bus.js';
import { useLiveQuery } from '../../store/live-query.js';
import { toast } from '../../store/toasts.js';

/** The tag this view offers to create: an IdToken (CiString20, OCPP 1.6 §7.28) nobody would mistake for a real card. */
export const TEST_ID_TAG = 'TEST-TAG';

/**
 * A session needs an id tag the central system accepts (OCPP 1.6 §4.1 Authorize, §4.8 StartTransaction), and an
 * empty database has none: a first try would be answered Invalid. So while there is no id tag at all, this offers to
 * create one, Accepted, and hands it to the stations' id tag fields. Never touches an existing tag (create only).
 */
export function TestTagOffer({ onCreated }: { onCreated: (idTag: string) => void }) {
  const api = useApi();
  const tags = useLiveQuery<ListResponse<IdTagDto>>('simulator:any-id-tag', () => api.listIdTags({ limit: 1 }), {
    events: eventsOf(['idTag.changed']),
    throttleMs: 1000,
  });
  const create = useAsyncAction(async () => {
    await api.createIdTag({ idTag: TEST_ID_TAG, status: 'Accepted', description: 'Test tag created from Simulated stations' });
    toast.success(`Id tag ${TEST_ID_TAG} created (Accepted)`);
    onCreated(TEST_ID_TAG);
    tags.refresh();
  });
  if (!tags.data || (tags.data.total ?? tags.data.items.length) > 0) return null;

  return (
    <section className="panel" aria-labelledby="sim-test-tag">
      <h2 id="sim-test-tag">No id tag yet</h2>
      <p>
        A session starts only with an id tag the central system accepts, and there is none yet (a start would be answered Invalid). Create a test tag
        to try sessions, or add your own under Id tags.
      </p>
      <div className="row">
        <button type="button" className="primary" disabled={create.pending} onClick={create.run}>
          Create test tag
        </button>
        <span className="muted">
          creates <span className="mono">{TEST_ID_TAG}</span>, Accepted, and puts it in each station's Id tag field
        </span>
      </div>
      {create.error ? (
        <div className="field-error" role="alert">
          {create.error}
        </div>
      ) : null}
    </section>
  );
}
