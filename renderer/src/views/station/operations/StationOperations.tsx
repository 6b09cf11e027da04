import { useState } from 'react';
import { useRoute } from '../../../app/router.js';
import { Empty, ErrorBox } from '../../../components/Page.js';
import { operation, OPERATIONS_BY_ACTION } from './catalog.js';
import { BurstPanel } from './BurstPanel.js';
import { ConnectorStatusStrip } from './ConnectorStatusStrip.js';
import { defaultPayload } from './defaults.js';
import { FileJobsProgress } from './FileJobsProgress.js';
import { OperationForm } from './OperationForm.js';
import { OperationHistory } from './OperationHistory.js';
import { OperationPicker } from './OperationPicker.js';
import { QuickActions } from './QuickActions.js';
import { useLastIdTag, useStationFacts } from './station-facts.js';
import './operations.css';

interface Selection {
  action: string;
  payload: Record<string, unknown>;
  /** Changes on every pick, so the form starts over from the given payload. */
  nonce: number;
}

/**
 * Every operation on one station: the frequent ones in one click, any CSMS-initiated OCPP 1.6 action (and the
 * security white paper's) through a form generated from its schema or as raw JSON, the progress of long transfers,
 * the same operation to many stations, and what was sent in this session.
 */
export function StationOperations({ chargePointId }: { chargePointId: string }) {
  const facts = useStationFacts(chargePointId);
  const lastIdTag = useLastIdTag((s) => s.idTag);
  const selectionOf = (action: string, payload?: Record<string, unknown>): Selection => ({
    action,
    payload:
      payload ?? defaultPayload(action, { connectors: facts.connectors, activeTransactions: facts.activeTransactions, lastIdTag, nowMs: Date.now() }),
    nonce: Date.now(),
  });
  // `?operation=Reset` opens that operation's form: other views link here (e.g. a change answered RebootRequired).
  const linked = useRoute().query.get('operation');
  const [selection, setSelection] = useState<Selection | null>(() => (linked && OPERATIONS_BY_ACTION.has(linked) ? selectionOf(linked) : null));

  const open = (action: string, payload?: Record<string, unknown>) => setSelection(selectionOf(action, payload));

  return (
    <div className="op-root">
      <section className="panel" aria-labelledby="op-quick-title">
        <h2 id="op-quick-title">Quick actions</h2>
        <ErrorBox error={facts.transactionsError} />
        <ConnectorStatusStrip chargePointId={chargePointId} connectors={facts.connectors} />
        <QuickActions
          chargePointId={chargePointId}
          connectors={facts.connectors}
          activeTransactions={facts.activeTransactions}
          connected={facts.connected}
        />
      </section>

      <div className="op-workbench">
        <OperationPicker selected={selection?.action ?? null} onSelect={(action) => open(action)} />
        {selection ? (
          <OperationForm
            key={selection.nonce}
            chargePointId={chargePointId}
            definition={operation(selection.action)}
            initialPayload={selection.payload}
            connected={facts.connected}
          />
        ) : (
          <div className="panel">
            <Empty>Choose an operation on the left to fill in its form, or send raw JSON.</Empty>
          </div>
        )}
      </div>

      <FileJobsProgress chargePointId={chargePointId} />
      <OperationHistory chargePointId={chargePointId} onEdit={(action, payload) => open(action, payload)} />
      <BurstPanel chargePointId={chargePointId} />
    </div>
  );
}
