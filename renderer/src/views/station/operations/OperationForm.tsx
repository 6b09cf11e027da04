import { useMemo, useState, type FormEvent } from 'react';
import { Field } from '../../../components/Field.js';
import { useApi } from '../../../store/connection.js';
import { eventsOf } from '../../../store/event-bus.js';
import { useLiveQuery } from '../../../store/live-query.js';
import { PROFILE_LABELS, type OperationDefinition } from './catalog.js';
import { draftFromPayload, payloadFromDraft, setDraftAt, unknownFields, type Draft } from './draft.js';
import { sendOperation, type OperationOutcome } from './history-store.js';
import { OutcomeView } from './OutcomeView.js';
import { checkAgainstSchema, type SchemaIssue } from './schema.js';
import { SchemaFields } from './SchemaFields.js';
import { useLastIdTag } from './station-facts.js';
import { defaultUploadText } from '../../files/FileServerInfo.js';
import { useAsyncAction } from '../../../components/async-action.js';
import { errorMessage } from '../../../components/error-message.js';

type Mode = 'form' | 'raw';

function issuesByPath(issues: readonly SchemaIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) out[issue.path] = out[issue.path] ? `${out[issue.path]}; ${issue.message}` : issue.message;
  return out;
}

/** Stored firmware files and the upload URL the API fills in, for the file-transfer operations only. */
function useFileServices(chargePointId: string, enabled: boolean) {
  const api = useApi();
  const firmware = useLiveQuery('operations:firmware-files', () => api.listFirmware(), {
    events: eventsOf(['file.stored']),
    enabled,
    throttleMs: 1000,
  });
  const info = useLiveQuery(`operations:file-info:${chargePointId}`, () => api.fileServicesInfo({ chargePointId }), { enabled });
  return {
    firmwareFiles: firmware.data?.items.map((f) => f.name) ?? [],
    defaultUpload: info.data ? defaultUploadText(info.data) : null,
    unavailable: firmware.error,
  };
}

/**
 * One operation's form: typed fields generated from the OCPP request schema, checked before sending (each problem
 * next to its field), and a raw JSON mode that sends any payload as typed, for testing how a station copes. The
 * central system still validates what it sends (OCPP-J: a CSMS must send schema-valid messages), so an invalid raw
 * payload comes back as a 422 whose violations are shown.
 */
export function OperationForm({
  chargePointId,
  definition,
  initialPayload,
  connected,
}: {
  chargePointId: string;
  definition: OperationDefinition;
  initialPayload: Record<string, unknown>;
  connected: boolean;
}) {
  const api = useApi();
  const { schema, action } = definition;
  const [mode, setMode] = useState<Mode>('form');
  const [draft, setDraft] = useState<Draft>(() => draftFromPayload(schema, initialPayload));
  const [rawText, setRawText] = useState(() => JSON.stringify(initialPayload, null, 2));
  const [rawError, setRawError] = useState<string | null>(null);
  const [issues, setIssues] = useState<SchemaIssue[]>([]);
  /** The local check found problems: offer to send anyway (the server and the station then judge). */
  const [blocked, setBlocked] = useState(false);
  const [outcome, setOutcome] = useState<OperationOutcome | null>(null);
  const setLastIdTag = useLastIdTag((s) => s.set);
  const files = useFileServices(chargePointId, Object.keys(definition.serverDefaults).length > 0);

  const serverDefaults = useMemo(() => {
    const out: Record<string, string> = {};
    for (const [path, what] of Object.entries(definition.serverDefaults)) {
      out[path] = what === 'the station upload URL' && files.defaultUpload ? `${what} (${files.defaultUpload})` : what;
    }
    return out;
  }, [definition.serverDefaults, files.defaultUpload]);

  const byPath = issuesByPath(issues);
  const fieldPaths = new Set<string>();
  const collect = (s: typeof schema, path: string) => {
    for (const [k, child] of Object.entries(s.properties ?? {})) {
      fieldPaths.add(`${path}/${k}`);
      if (child.type === 'object') collect(child, `${path}/${k}`);
    }
  };
  collect(schema, '');
  // Problems no field shows (inside list items, unknown fields, the payload itself) are listed above the fields.
  const otherIssues = issues.filter((i) => !fieldPaths.has(i.path) && !/\/\d+(\/|$)/.test(i.path));

  // sendOperation never throws: its failures are outcomes, shown like answers.
  const sender = useAsyncAction(async (payload: unknown) => {
    setOutcome(null);
    const record = (payload ?? {}) as Record<string, unknown>;
    if ((action === 'RemoteStartTransaction' || action === 'ReserveNow') && typeof record.idTag === 'string') setLastIdTag(record.idTag);
    const result = await sendOperation(api, chargePointId, action, record);
    setOutcome(result);
    setIssues(result.issues ?? []);
    if (mode === 'raw') setRawError(result.issues?.length ? result.issues.map((i) => `${i.path || '(payload)'} ${i.message}`).join('; ') : null);
  });
  const send = sender.run;
  const sending = sender.pending;

  function onSubmit(event: FormEvent, force = false) {
    event.preventDefault();
    if (mode === 'raw') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(rawText);
      } catch (err) {
        setRawError(`Not JSON: ${errorMessage(err)}`);
        return;
      }
      setRawError(null);
      send(parsed);
      return;
    }
    const payload = payloadFromDraft(schema, draft);
    const found = checkAgainstSchema(schema, payload);
    setIssues(found);
    if (found.length && !force) {
      setBlocked(true);
      return;
    }
    setBlocked(false);
    send(payload);
  }

  function switchTo(next: Mode) {
    if (next === mode) return;
    if (next === 'raw') {
      setRawText(JSON.stringify(payloadFromDraft(schema, draft) ?? {}, null, 2));
      setRawError(null);
    } else {
      try {
        const parsed = JSON.parse(rawText) as unknown;
        const dropped = unknownFields(schema, parsed);
        if (dropped.length) {
          setRawError(`The form has no field for ${dropped.join(', ')}: remove it here or keep sending raw JSON.`);
          return;
        }
        setDraft(draftFromPayload(schema, parsed));
      } catch {
        setRawError('Not JSON: fix it before switching to the form.');
        return;
      }
    }
    setIssues([]);
    setBlocked(false);
    setMode(next);
  }

  return (
    <form className="panel op-form" aria-label={`${action} form`} onSubmit={(e) => onSubmit(e)} noValidate>
      <h2>{action}</h2>
      <p className="muted">
        {definition.summary} · {PROFILE_LABELS[definition.profile]}
      </p>
      <div className="tabs" role="tablist" aria-label="Payload editor">
        <button type="button" role="tab" aria-selected={mode === 'form'} onClick={() => switchTo('form')}>
          Form
        </button>
        <button type="button" role="tab" aria-selected={mode === 'raw'} onClick={() => switchTo('raw')}>
          Raw JSON
        </button>
      </div>
      {mode === 'form' ? (
        <>
          {otherIssues.length ? (
            <ul className="op-issues field-error" role="alert" aria-label="Problems">
              {otherIssues.map((i, n) => (
                <li key={n}>
                  <code>{i.path || '(payload)'}</code> {i.message}
                </li>
              ))}
            </ul>
          ) : null}
          <SchemaFields
            schema={schema}
            draft={draft}
            path={[]}
            ctx={{
              issues: byPath,
              serverDefaults,
              firmwareFiles: files.firmwareFiles,
              onChange: (path, value) => setDraft((d) => setDraftAt(d, path, value)),
            }}
          />
        </>
      ) : (
        <Field
          label="Raw JSON payload"
          error={rawError}
          hint="Sent exactly as typed (the central system refuses what breaks the OCPP schema, and says why)."
        >
          {(props) => (
            <textarea {...props} className="op-raw" rows={10} spellCheck={false} value={rawText} onChange={(e) => setRawText(e.target.value)} />
          )}
        </Field>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={sending}>
          Send {action}
        </button>
        {blocked && mode === 'form' ? (
          <button type="button" className="danger" disabled={sending} onClick={(e) => onSubmit(e, true)}>
            Send anyway
          </button>
        ) : null}
        {!connected ? <span className="muted">The station is not connected: the call will fail.</span> : null}
        {blocked && mode === 'form' ? <span className="field-error">Fix the fields marked above, or send anyway.</span> : null}
      </div>
      <OutcomeView outcome={outcome} pending={sending} />
    </form>
  );
}
