import { idTokenProblem } from '../../../../../shared/ocpp/cistring.js';
import { useState, type ReactNode } from 'react';
import type { ConnectorDto, TransactionDto } from '../../../../../shared/api/types.js';
import { useAsyncAction } from '../../../components/async-action.js';
import { useApi } from '../../../store/connection.js';
import { TRIGGER_MESSAGES } from './catalog.js';
import { freeConnectorId, outletIds } from './defaults.js';
import { sendOperation, type OperationOutcome } from './history-store.js';
import { OutcomeView } from './OutcomeView.js';
import { useLastIdTag } from './station-facts.js';

/** One quick action's send state: its last outcome and whether it waits for the answer. */
function useQuickSend(chargePointId: string) {
  const api = useApi();
  const [outcome, setOutcome] = useState<OperationOutcome | null>(null);
  const [label, setLabel] = useState<string | null>(null);
  // sendOperation never throws: its failures are outcomes, shown like answers.
  const send = useAsyncAction(async (action: string, payload: Record<string, unknown>, what?: string) => {
    setOutcome(null);
    setLabel(what ?? null);
    setOutcome(await sendOperation(api, chargePointId, action, payload));
  });
  return { outcome, pending: send.pending, label, run: send.run };
}

function QuickCard({ title, children, state }: { title: string; children: ReactNode; state: ReturnType<typeof useQuickSend> }) {
  return (
    <section className="op-quick" aria-label={title}>
      <h3>{title}</h3>
      {children}
      {state.label && (state.pending || state.outcome) ? <div className="muted op-quick-label">{state.label}</div> : null}
      <OutcomeView outcome={state.outcome} pending={state.pending} />
    </section>
  );
}

function ConnectorSelect({
  label,
  value,
  onChange,
  ids,
  withStation,
}: {
  label: string;
  value: number;
  onChange: (id: number) => void;
  ids: number[];
  withStation?: boolean;
}) {
  return (
    <label className="op-inline">
      {label}
      <select value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {withStation ? <option value={0}>0 (whole station)</option> : null}
        {ids.map((id) => (
          <option key={id} value={id}>
            {id}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The frequent operations, one click each (OCPP 1.6 §5: RemoteStart/Stop, Reset, UnlockConnector,
 * ChangeAvailability, ClearCache, TriggerMessage), pre-filled from the station's live state. Hard reset asks first:
 * it drops every running session (OCPP 1.6 §5.14).
 */
export function QuickActions({
  chargePointId,
  connectors,
  activeTransactions,
  connected,
}: {
  chargePointId: string;
  connectors: readonly ConnectorDto[];
  activeTransactions: readonly TransactionDto[];
  connected: boolean;
}) {
  const ids = outletIds(connectors);
  const lastIdTag = useLastIdTag();
  const [startConnector, setStartConnector] = useState<number | null>(null);
  const [stopTx, setStopTx] = useState<number | null>(null);
  const [unlockConnector, setUnlockConnector] = useState<number | null>(null);
  const [availabilityConnector, setAvailabilityConnector] = useState(0);
  const [availabilityType, setAvailabilityType] = useState<'Operative' | 'Inoperative'>('Inoperative');
  const [triggerConnector, setTriggerConnector] = useState<number | ''>('');
  const [confirmHard, setConfirmHard] = useState(false);

  const start = useQuickSend(chargePointId);
  const stop = useQuickSend(chargePointId);
  const reset = useQuickSend(chargePointId);
  const unlock = useQuickSend(chargePointId);
  const availability = useQuickSend(chargePointId);
  const cache = useQuickSend(chargePointId);
  const trigger = useQuickSend(chargePointId);

  const startOn = startConnector ?? freeConnectorId(connectors);
  // Shown as typed (an empty field only disables Start): the IdToken rule of shared/ocpp, never a silent cut.
  const startTagProblem = lastIdTag.idTag ? idTokenProblem(lastIdTag.idTag) : null;
  const txToStop = activeTransactions.find((t) => t.id === stopTx) ?? activeTransactions[0];
  const unlockOn = unlockConnector ?? txToStop?.connectorId ?? ids[0]!;

  return (
    <div className="op-quick-grid" aria-label="Quick actions" role="group">
      {!connected ? <p className="muted op-quick-offline">The station is not connected: operations will fail until it reconnects.</p> : null}
      <QuickCard title="Remote start" state={start}>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (startTagProblem) return;
            start.run('RemoteStartTransaction', { connectorId: startOn, idTag: lastIdTag.idTag }, `${lastIdTag.idTag} on connector ${startOn}`);
          }}
        >
          <label className="op-inline">
            Id tag
            <input
              value={lastIdTag.idTag}
              required
              onChange={(e) => lastIdTag.set(e.target.value)}
              size={12}
              aria-invalid={Boolean(startTagProblem)}
              aria-describedby={startTagProblem ? 'remote-start-id-tag-problem' : undefined}
            />
          </label>
          <ConnectorSelect label="Connector" value={startOn} onChange={setStartConnector} ids={ids} />
          <button type="submit" className="primary" disabled={start.pending || !lastIdTag.idTag}>
            Start
          </button>
        </form>
        {startTagProblem ? (
          <div id="remote-start-id-tag-problem" className="field-error" role="alert">
            The id tag {startTagProblem}
          </div>
        ) : null}
      </QuickCard>

      <QuickCard title="Remote stop" state={stop}>
        {activeTransactions.length === 0 ? (
          <p className="muted">No transaction running.</p>
        ) : (
          <div className="row">
            <label className="op-inline">
              Transaction
              <select value={txToStop?.id} onChange={(e) => setStopTx(Number(e.target.value))}>
                {activeTransactions.map((t) => (
                  <option key={t.id} value={t.id}>
                    #{t.id} · connector {t.connectorId} · {t.idTag}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="primary"
              disabled={stop.pending || !txToStop}
              onClick={() => txToStop && stop.run('RemoteStopTransaction', { transactionId: txToStop.id }, `transaction #${txToStop.id}`)}
            >
              Stop
            </button>
          </div>
        )}
      </QuickCard>

      <QuickCard title="Reset" state={reset}>
        <div className="row">
          <button type="button" disabled={reset.pending} onClick={() => reset.run('Reset', { type: 'Soft' }, 'Soft reset')}>
            Soft reset
          </button>
          {confirmHard ? (
            <>
              <button
                type="button"
                className="danger"
                autoFocus
                onClick={() => {
                  setConfirmHard(false);
                  reset.run('Reset', { type: 'Hard' }, 'Hard reset');
                }}
              >
                Confirm hard reset
              </button>
              <button type="button" onClick={() => setConfirmHard(false)}>
                Cancel
              </button>
            </>
          ) : (
            <button type="button" className="danger" disabled={reset.pending} onClick={() => setConfirmHard(true)}>
              Hard reset…
            </button>
          )}
        </div>
        {confirmHard ? <p className="field-error">A hard reset stops every running session at once.</p> : null}
      </QuickCard>

      <QuickCard title="Unlock connector" state={unlock}>
        <div className="row">
          <ConnectorSelect label="Connector" value={unlockOn} onChange={setUnlockConnector} ids={ids} />
          <button
            type="button"
            disabled={unlock.pending}
            onClick={() => unlock.run('UnlockConnector', { connectorId: unlockOn }, `connector ${unlockOn}`)}
          >
            Unlock
          </button>
        </div>
      </QuickCard>

      <QuickCard title="Change availability" state={availability}>
        <div className="row">
          <ConnectorSelect label="Connector" value={availabilityConnector} onChange={setAvailabilityConnector} ids={ids} withStation />
          <label className="op-inline">
            Make
            <select value={availabilityType} onChange={(e) => setAvailabilityType(e.target.value as 'Operative' | 'Inoperative')}>
              <option value="Inoperative">Inoperative</option>
              <option value="Operative">Operative</option>
            </select>
          </label>
          <button
            type="button"
            disabled={availability.pending}
            onClick={() =>
              availability.run(
                'ChangeAvailability',
                { connectorId: availabilityConnector, type: availabilityType },
                `connector ${availabilityConnector} → ${availabilityType}`,
              )
            }
          >
            Apply
          </button>
        </div>
      </QuickCard>

      <QuickCard title="Clear cache" state={cache}>
        <button type="button" disabled={cache.pending} onClick={() => cache.run('ClearCache', {})}>
          Clear cache
        </button>
      </QuickCard>

      <QuickCard title="Trigger message" state={trigger}>
        <div className="row">
          <label className="op-inline">
            Connector
            <select value={triggerConnector} onChange={(e) => setTriggerConnector(e.target.value === '' ? '' : Number(e.target.value))}>
              <option value="">not set</option>
              {[0, ...ids].map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="row op-trigger-buttons">
          {TRIGGER_MESSAGES.map((message) => (
            <button
              key={message}
              type="button"
              disabled={trigger.pending}
              aria-label={`Trigger ${message}`}
              onClick={() =>
                trigger.run(
                  'TriggerMessage',
                  triggerConnector === '' ? { requestedMessage: message } : { requestedMessage: message, connectorId: triggerConnector },
                  `TriggerMessage ${message}`,
                )
              }
            >
              {message}
            </button>
          ))}
        </div>
      </QuickCard>
    </div>
  );
}
