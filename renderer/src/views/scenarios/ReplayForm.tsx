import { useEffect, useId, useState } from 'react';
import { href, navigate } from '../../app/router.js';
import { useAsyncAction } from '../../components/async-action.js';
import { FileButton } from '../../components/FileButton.js';
import { fieldProblems } from '../../components/error-message.js';
import { Field } from '../../components/Field.js';
import { ErrorBox } from '../../components/Page.js';
import { useApi } from '../../store/connection.js';
import { checkReplay, EMPTY_REPLAY, exportSummary, MAX_SPEED, MIN_SPEED, replayRequestOf, type Pace, type ReplayDraft } from './replay-options.js';

/**
 * A station's message-log export sent again as a simulated station against this central system (docs/scenarios.md
 * "Replay"). The export comes from a file, or straight from the message log of the station named in the route
 * (`#/scenarios/replay?chargePointId=CP-1`, the Message log's "Replay this station's log").
 */
export function ReplayForm({ onStarted, fromLogOf }: { onStarted: () => void; fromLogOf: string | null }) {
  const api = useApi();
  const id = useId();
  const [draft, setDraft] = useState<ReplayDraft>(EMPTY_REPLAY);
  const [tried, setTried] = useState(false);
  const [serverProblems, setServerProblems] = useState<Record<string, string>>({});
  const problems = { ...serverProblems, ...(tried ? checkReplay(draft) : {}) };
  const set = <K extends keyof ReplayDraft>(key: K, value: ReplayDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const summary = draft.ndjson ? exportSummary(draft.ndjson) : null;

  const takeExport = (ndjson: string, source: string) => {
    setServerProblems({});
    setDraft((d) => ({ ...d, ndjson, source }));
  };

  const load = useAsyncAction(async (file: File) => {
    takeExport(await file.text(), file.name);
  });

  const fromLog = useAsyncAction(async (chargePointId: string) => {
    const text = await api.exportMessageLogNdjson({ chargePointId });
    takeExport(text, `the message log of ${chargePointId}`);
  });
  const fromLogRun = fromLog.run;
  useEffect(() => {
    if (fromLogOf) fromLogRun(fromLogOf);
  }, [fromLogOf, fromLogRun]);

  const run = useAsyncAction(async () => {
    setTried(true);
    setServerProblems({});
    if (Object.keys(checkReplay(draft)).length) return;
    try {
      const started = await api.startReplay(replayRequestOf(draft));
      setTried(false);
      onStarted();
      navigate(href('scenarios', 'replay', started.runId));
    } catch (err) {
      const fields = fieldProblems(err);
      setServerProblems(fields);
      if (!Object.keys(fields).length) throw err;
    }
  });

  const pace = (value: Pace, label: string) => (
    <label>
      <input type="radio" name={`${id}-pace`} value={value} checked={draft.pace === value} onChange={() => set('pace', value)} /> {label}
    </label>
  );

  return (
    <form className="panel" aria-labelledby={`${id}-title`} noValidate onSubmit={run.submit}>
      <h2 id={`${id}-title`}>Replay a message-log export</h2>
      <p className="muted">
        Sends what a station sent, as a simulated station, and sets this central system&apos;s answers next to the recorded ones. The export is one
        station&apos;s, as the Message log&apos;s Export NDJSON saves it.
      </p>
      <div className={`field${problems.ndjson || problems.lines ? ' has-error' : ''}`}>
        <div className="row">
          <FileButton
            label="Choose export…"
            inputLabel="Export file (NDJSON)"
            accept=".ndjson,.jsonl,.txt,application/x-ndjson"
            pending={load.pending}
            onFile={load.run}
            inputProps={{ 'aria-invalid': Boolean(problems.ndjson || problems.lines), 'aria-describedby': `${id}-export` }}
          />
          <span id={`${id}-export`} role="status" aria-label="Export">
            {fromLog.pending ? (
              'Reading the message log…'
            ) : summary ? (
              <>
                {draft.source}: {summary.lines} frames{summary.stations.length ? ` of ${summary.stations.join(', ')}` : ''}
              </>
            ) : (
              <span className="muted">No export chosen.</span>
            )}
          </span>
        </div>
        {problems.ndjson || problems.lines ? (
          <div className="field-error" role="alert">
            {problems.ndjson ?? problems.lines}
          </div>
        ) : null}
        <ErrorBox error={load.error ?? fromLog.error} />
      </div>
      <fieldset className="row replay-pace" aria-describedby={problems.speed ? `${id}-speed-error` : undefined}>
        <legend>Pace</legend>
        {pace('original', 'Original timing')}
        {pace('factor', 'Faster (or slower) by a factor')}
        {pace('max', 'As fast as possible (each CALL once the previous one is answered)')}
      </fieldset>
      <div className="form-grid">
        {draft.pace === 'factor' ? (
          <Field label="Speed factor" error={problems.speed} hint={`${MIN_SPEED} to ${MAX_SPEED}; 10 = ten times faster than recorded`}>
            {(p) => <input {...p} inputMode="decimal" value={draft.speed} onChange={(e) => set('speed', e.target.value)} />}
          </Field>
        ) : null}
        <Field label="Connect as identity" error={problems.identity} hint="empty: the recorded station's identity">
          {(p) => <input {...p} value={draft.identity} placeholder={summary?.stations[0] ?? ''} onChange={(e) => set('identity', e.target.value)} />}
        </Field>
      </div>
      {problems.speed && draft.pace !== 'factor' ? (
        <div id={`${id}-speed-error`} className="field-error" role="alert">
          {problems.speed}
        </div>
      ) : null}
      {problems.body ? <ErrorBox error={problems.body} /> : null}
      <ErrorBox error={run.error} />
      <div className="row">
        <button type="submit" className="primary" disabled={run.pending || fromLog.pending}>
          {run.pending ? 'Starting…' : 'Replay'}
        </button>
        <span className="muted">A connected station&apos;s identity is refused: choose another identity to replay it while it is online.</span>
      </div>
    </form>
  );
}
