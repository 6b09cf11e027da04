import { useState } from 'react';
import type { ChargePointDto, ChargePointUpdate, RegistrationStatus, ValidationMode } from '../../../../../shared/api/types.js';
import { useAsyncAction } from '../../../components/async-action.js';
import { fieldProblems } from '../../../components/error-message.js';
import { Field } from '../../../components/Field.js';
import { useApi } from '../../../store/connection.js';
import { toast } from '../../../store/toasts.js';

type FieldName = 'description' | 'registrationStatus' | 'securityProfile' | 'validationMode' | 'password';
type Problems = Partial<Record<FieldName, string>>;

const DESCRIPTION_MAX = 500;
const PASSWORD_MAX = 256;

/**
 * What the operator decides about a station: description, registration (the BootNotification answer, OCPP 1.6 §4.2),
 * the security profile it is held to and its Basic-auth password (security white paper §2, profile 1), and per-station
 * leniency (lenient = schema-invalid CALLs are processed when possible, the violation is logged).
 */
export function StationSettingsForm({ station }: { station: ChargePointDto }) {
  const api = useApi();
  const [description, setDescription] = useState(station.description);
  const [registrationStatus, setRegistrationStatus] = useState<RegistrationStatus>(station.registrationStatus);
  const [securityProfile, setSecurityProfile] = useState(String(station.securityProfile));
  const [validationMode, setValidationMode] = useState<ValidationMode | 'global'>(station.validationMode ?? 'global');
  const [password, setPassword] = useState('');
  const [clearPassword, setClearPassword] = useState(false);
  const [problems, setProblems] = useState<Problems>({});
  // What the form started from: only fields the operator changed are sent, so a change made elsewhere meanwhile
  // (e.g. "accept" on the overview) is not overwritten with the value this form was opened with.
  const [baseline, setBaseline] = useState(() => ({
    description: station.description,
    registrationStatus: station.registrationStatus,
    securityProfile: station.securityProfile,
    validationMode: station.validationMode,
  }));
  const reload = () => {
    setDescription(station.description);
    setRegistrationStatus(station.registrationStatus);
    setSecurityProfile(String(station.securityProfile));
    setValidationMode(station.validationMode ?? 'global');
    setBaseline({
      description: station.description,
      registrationStatus: station.registrationStatus,
      securityProfile: station.securityProfile,
      validationMode: station.validationMode,
    });
    setProblems({});
  };
  const outdated =
    baseline.description !== station.description ||
    baseline.registrationStatus !== station.registrationStatus ||
    baseline.securityProfile !== station.securityProfile ||
    baseline.validationMode !== station.validationMode;

  const check = (): Problems => {
    const p: Problems = {};
    if (description.length > DESCRIPTION_MAX) p.description = `At most ${DESCRIPTION_MAX} characters (now ${description.length}).`;
    if (password && password.length > PASSWORD_MAX) p.password = `At most ${PASSWORD_MAX} characters.`;
    if (password && clearPassword) p.password = 'Either type a new password or remove it, not both.';
    return p;
  };

  const save = useAsyncAction(
    async () => {
      const found = check();
      setProblems(found);
      if (Object.keys(found).length) return;
      const update: ChargePointUpdate = {};
      if (description !== baseline.description) update.description = description;
      if (registrationStatus !== baseline.registrationStatus) update.registrationStatus = registrationStatus;
      if (Number(securityProfile) !== baseline.securityProfile) update.securityProfile = Number(securityProfile);
      const mode = validationMode === 'global' ? null : validationMode;
      if (mode !== baseline.validationMode) update.validationMode = mode;
      if (password) update.password = password;
      if (clearPassword) update.password = null;
      if (Object.keys(update).length === 0) {
        toast.info('Nothing changed');
        return;
      }
      try {
        const saved = await api.putChargePoint(station.id, update);
        setBaseline({
          description: saved.description,
          registrationStatus: saved.registrationStatus,
          securityProfile: saved.securityProfile,
          validationMode: saved.validationMode,
        });
        setPassword('');
        setClearPassword(false);
        toast.success(`${station.id} saved`);
      } catch (err) {
        setProblems(fieldProblems(err));
        throw err;
      }
    },
    { onError: (message) => toast.error(`Saving ${station.id} failed: ${message}`) },
  );

  const passwordHint =
    password && (password.length < 16 || password.length > 40)
      ? 'The security white paper asks for 16 to 40 characters; some chargers refuse others.'
      : station.hasPassword
        ? 'A password is set (never shown). Type a new one to replace it.'
        : 'No password: the station connects without Basic auth unless its profile requires one.';

  return (
    <section className="panel" aria-labelledby="settings-title">
      <h2 id="settings-title">Registration and security</h2>
      {outdated ? (
        <p className="row field-hint" role="status">
          Changed elsewhere since this form was opened.{' '}
          <button type="button" onClick={reload}>
            Load current values
          </button>
        </p>
      ) : null}
      <form className="form-grid" onSubmit={save.submit} aria-label="Station settings" noValidate>
        <Field label="Description" error={problems.description}>
          {(props) => (
            <input
              {...props}
              value={description}
              onChange={(e) => (setDescription(e.target.value), setProblems((p) => ({ ...p, description: undefined })))}
            />
          )}
        </Field>
        <Field label="Registration status" error={problems.registrationStatus} hint="The answer to its next BootNotification.">
          {(props) => (
            <select {...props} value={registrationStatus} onChange={(e) => setRegistrationStatus(e.target.value as RegistrationStatus)}>
              <option>Accepted</option>
              <option>Pending</option>
              <option>Rejected</option>
            </select>
          )}
        </Field>
        <Field
          label="Validation mode"
          error={problems.validationMode}
          hint="Lenient: schema-invalid messages are processed when possible, the violation is logged."
        >
          {(props) => (
            <select {...props} value={validationMode} onChange={(e) => setValidationMode(e.target.value as ValidationMode | 'global')}>
              <option value="global">Global setting</option>
              <option value="strict">Strict</option>
              <option value="lenient">Lenient</option>
            </select>
          )}
        </Field>
        <Field label="Security profile" error={problems.securityProfile} hint="The profile the station must connect with.">
          {(props) => (
            <select {...props} value={securityProfile} onChange={(e) => setSecurityProfile(e.target.value)}>
              <option value="0">0 – no authentication</option>
              <option value="1">1 – Basic auth</option>
              <option value="2">2 – TLS + Basic auth</option>
              <option value="3">3 – TLS client certificate</option>
            </select>
          )}
        </Field>
        <Field label="New password" error={problems.password} hint={passwordHint}>
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => (setPassword(e.target.value), setProblems((p) => ({ ...p, password: undefined })))}
            />
          )}
        </Field>
        {station.hasPassword ? (
          <label className="row">
            <input type="checkbox" checked={clearPassword} onChange={(e) => setClearPassword(e.target.checked)} /> Remove the password
          </label>
        ) : null}
        <div className="row">
          <button type="submit" className="primary" disabled={save.pending}>
            {save.pending ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </section>
  );
}
