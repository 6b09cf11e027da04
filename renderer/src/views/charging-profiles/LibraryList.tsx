import type { LibraryProfileDto } from '../../../../shared/api/types.js';
import { ConfirmDeleteButton } from '../../components/ConfirmDeleteButton.js';
import { Empty, ErrorBox } from '../../components/Page.js';
import { Time } from '../../components/Time.js';

/** The named profiles kept by the central system; Edit loads one into the editor. */
export function LibraryList({
  items,
  loading,
  error,
  selectedName,
  onEdit,
  onDelete,
}: {
  items: LibraryProfileDto[] | undefined;
  loading: boolean;
  error: string | null;
  selectedName: string | null;
  onEdit: (item: LibraryProfileDto) => void;
  onDelete: (name: string) => void;
}) {
  if (error) return <ErrorBox error={error} />;
  if (!items) return <p className="muted">{loading ? 'Loading the library…' : ''}</p>;
  if (items.length === 0) return <Empty>No profiles in the library yet: build one in the editor and save it.</Empty>;
  return (
    <table className="library-table" aria-label="Profile library">
      <thead>
        <tr>
          <th>Name</th>
          <th>Purpose</th>
          <th>Kind</th>
          <th className="num">Stack level</th>
          <th>Unit</th>
          <th className="num">Periods</th>
          <th>Updated</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr
            key={item.name}
            aria-current={item.name === selectedName ? 'true' : undefined}
            className={item.name === selectedName ? 'is-selected' : undefined}
          >
            <td>
              <strong>{item.name}</strong>
              {item.description ? <div className="muted">{item.description}</div> : null}
            </td>
            <td>{item.profile.chargingProfilePurpose}</td>
            <td>
              {item.profile.chargingProfileKind}
              {item.profile.recurrencyKind ? ` (${item.profile.recurrencyKind})` : ''}
            </td>
            <td className="num">{item.profile.stackLevel}</td>
            <td>{item.profile.chargingSchedule.chargingRateUnit}</td>
            <td className="num">{item.profile.chargingSchedule.chargingSchedulePeriod.length}</td>
            <td>
              <Time value={item.updatedAt} />
            </td>
            <td className="row">
              <button type="button" onClick={() => onEdit(item)} aria-label={`Edit ${item.name}`}>
                Edit
              </button>
              <ConfirmDeleteButton name={item.name} onDelete={() => onDelete(item.name)} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
