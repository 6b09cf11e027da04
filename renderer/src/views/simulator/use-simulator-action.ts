import { useState } from 'react';
import type { SimulatorAction, SimulatorActionRequest, SimulatorActionResponse } from '../../../../shared/api/types.js';
import { useAsyncAction } from '../../components/async-action.js';
import { fieldProblems } from '../../components/error-message.js';
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
  const [busyKey, setBusyKey] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<ActionState['outcome']>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const action = useAsyncAction(async (name: SimulatorAction, body: SimulatorActionRequest = {}) => {
    setBusyKey(`${name}:${body.connectorId ?? ''}`);
    setOutcome(null);
    setFields({});
    try {
      setOutcome((await api.simulatorAction(id, name, body)).outcome);
    } catch (err) {
      setFields(fieldProblems(err));
      throw err;
    } finally {
      onDone();
    }
  });
  const state: ActionState = { busy: action.pending ? busyKey : null, outcome, error: action.error, fields };
  return { ...state, run: action.run };
}
