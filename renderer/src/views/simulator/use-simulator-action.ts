import { useState } from 'react';
import type { SimulatorAction, SimulatorActionRequest, SimulatorActionResponse } from '../../../../shared/api/types.js';
import { useApi } from '../../store/connection.js';

export interface ActionState {
  busy: string | null;
  outcome: SimulatorActionResponse['outcome'] | null;
  error: string | null;
  fields: Record<string, string>;
}

/** Runs one simulator action at a time and keeps its answer (or its refusal) to show next to the station. */
export function useSimulatorAction(id: string, onDone: () => void) {
  const api = useApi();
  const [state, setState] = useState<ActionState>({ busy: null, outcome: null, error: null, fields: {} });
  const run = async (action: SimulatorAction, body: SimulatorActionRequest = {}) => {
    setState({ busy: `${action}:${body.connectorId ?? ''}`, outcome: null, error: null, fields: {} });
    try {
      const answer = await api.simulatorAction(id, action, body);
      setState({ busy: null, outcome: answer.outcome, error: null, fields: {} });
    } catch (err) {
      const fields = (err as { details?: { fields?: Record<string, string> } }).details?.fields ?? {};
      setState({ busy: null, outcome: null, error: err instanceof Error ? err.message : String(err), fields });
    } finally {
      onDone();
    }
  };
  return { ...state, run };
}
