import { useId, useState } from 'react';
import type { Scenario } from '../../../../shared/api/scenario.js';
import { href, navigate } from '../../app/router.js';
import { useAsyncAction } from '../../components/async-action.js';
import { FileButton } from '../../components/FileButton.js';
import { fieldProblems } from '../../components/error-message.js';
import { ErrorBox } from '../../components/Page.js';
import { useApi } from '../../store/connection.js';
import { problemList, readScenarioText } from './scenario-text.js';

/**
 * A scenario file (docs/scenarios.md) loaded from disk or typed, then run against this central system. The text is
 * never rewritten: a bad one is explained next to it (the JSON error with its line, or the server's problems with
 * the path of each field), and loading a file over edited text says so.
 */
export function ScenarioForm({ onStarted }: { onStarted: () => void }) {
  const api = useApi();
  const id = useId();
  const [text, setText] = useState('');
  const [loadedNote, setLoadedNote] = useState<string | null>(null);
  const [localProblem, setLocalProblem] = useState<string | null>(null);
  const [serverProblems, setServerProblems] = useState<Record<string, string>>({});
  const problems = problemList(serverProblems);
  const invalid = Boolean(localProblem) || problems.length > 0;

  const load = useAsyncAction(async (file: File) => {
    const content = await file.text();
    const replaced = text.trim() !== '' && text !== content;
    setText(content);
    setLocalProblem(null);
    setServerProblems({});
    setLoadedNote(`Loaded ${file.name}${replaced ? ': it replaced the text that was here' : ''}.`);
  });

  const run = useAsyncAction(async () => {
    setServerProblems({});
    const read = readScenarioText(text);
    if (!read.ok) {
      setLocalProblem(read.problem);
      return;
    }
    setLocalProblem(null);
    try {
      const started = await api.startScenarioRun(read.value as unknown as Scenario);
      onStarted();
      navigate(href('scenarios', 'scenario', started.runId));
    } catch (err) {
      const fields = fieldProblems(err);
      setServerProblems(fields);
      if (!Object.keys(fields).length) throw err;
    }
  });

  return (
    <form className="panel" aria-labelledby={`${id}-title`} noValidate onSubmit={run.submit}>
      <h2 id={`${id}-title`}>Run a scenario</h2>
      <p className="muted">
        Simulated stations do what the file says, step by step, against this central system; its expectations say what the central system must answer.
        Format and examples: docs/scenarios.md.
      </p>
      <div className="row">
        <FileButton label="Load scenario file…" inputLabel="Scenario file" accept=".json,application/json" pending={load.pending} onFile={load.run} />
        {loadedNote ? (
          <span role="status" className="muted">
            {loadedNote}
          </span>
        ) : null}
      </div>
      <ErrorBox error={load.error} />
      <div className={`field${invalid ? ' has-error' : ''}`}>
        <label htmlFor={`${id}-text`}>Scenario JSON</label>
        <textarea
          id={`${id}-text`}
          className="scenario-text"
          spellCheck={false}
          rows={16}
          value={text}
          aria-invalid={invalid}
          aria-describedby={`${id}-problems`}
          placeholder='{ "name": "…", "stations": [{ "identity": "QA-1" }], "steps": [{ "do": "boot" }], "expectations": [] }'
          onChange={(e) => {
            setText(e.target.value);
            setLoadedNote(null);
          }}
        />
        <div id={`${id}-problems`}>
          {localProblem ? (
            <div className="field-error" role="alert">
              {localProblem}
            </div>
          ) : null}
          {problems.length ? (
            <div className="field-error" role="alert">
              The central system refused this scenario:
              <ul aria-label="Scenario problems" className="scenario-problems">
                {problems.map((p) => (
                  <li key={p.path}>
                    <code>{p.path}</code>: {p.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {!invalid ? <div className="field-hint">The text is sent as it is; nothing in it is changed.</div> : null}
        </div>
      </div>
      <ErrorBox error={run.error} />
      <div className="row">
        <button type="submit" className="primary" disabled={run.pending}>
          {run.pending ? 'Starting…' : 'Run scenario'}
        </button>
        <span className="muted">Its stations are registered Accepted if unknown; a connected station&apos;s identity is refused.</span>
      </div>
    </form>
  );
}
