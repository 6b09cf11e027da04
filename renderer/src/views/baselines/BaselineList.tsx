import type { ConfigurationBaselineDto } from '../../../../shared/api/types.js';
import { href } from '../../app/router.js';
import { ConfirmDeleteButton } from '../../components/ConfirmDeleteButton.js';
import { ListTable } from '../../components/ListTable.js';
import { Time } from '../../components/Time.js';

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Every baseline with its keys and who follows it; a name opens its editor. Delete asks first. */
export function BaselineList({
  baselines,
  loading,
  error,
  selected,
  onDelete,
}: {
  baselines: ConfigurationBaselineDto[] | undefined;
  loading: boolean;
  error: string | null;
  selected: string | null;
  onDelete: (baseline: ConfigurationBaselineDto) => void;
}) {
  return (
    <ListTable
      rows={baselines}
      loading={loading}
      error={error}
      empty="No baseline yet: a baseline is the configuration keys and values stations should hold. Create one with “New baseline”."
      tableLabel="Baselines"
      scrollLabel="Baselines table"
      className="baseline-table"
      rowKey={(b) => b.name}
      columns={[
        {
          header: 'Name',
          cell: (b) => (
            <a href={href('baselines', b.name)} aria-current={b.name === selected ? 'true' : undefined}>
              {b.name}
            </a>
          ),
        },
        { header: 'Description', cell: (b) => b.description ?? <span className="muted">—</span> },
        { header: 'Keys', className: 'num', cell: (b) => b.entries.length },
        {
          header: 'Followed by',
          cell: (b) =>
            b.stations.length + b.sites.length === 0 ? (
              <span className="muted">nobody yet</span>
            ) : (
              [b.stations.length ? count(b.stations.length, 'station', 'stations') : '', b.sites.length ? count(b.sites.length, 'site', 'sites') : '']
                .filter(Boolean)
                .join(', ')
            ),
        },
        { header: 'Changed', cell: (b) => <Time value={b.updatedAt} /> },
        {
          header: 'Actions',
          cell: (b) => (
            <div className="row">
              <a href={href('baselines', b.name)} aria-label={`Edit ${b.name}`}>
                Edit
              </a>
              <ConfirmDeleteButton name={b.name} onDelete={() => onDelete(b)} />
            </div>
          ),
        },
      ]}
    />
  );
}
