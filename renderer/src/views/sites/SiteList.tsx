import type { SiteDto } from '../../../../shared/api/types.js';
import { href } from '../../app/router.js';
import { ConfirmDeleteButton } from '../../components/ConfirmDeleteButton.js';
import { ListTable } from '../../components/ListTable.js';

/** A site's limit as the operator gave it: A per phase or W over all phases. */
export function limitText(site: Pick<SiteDto, 'limitA' | 'limitW'>): string {
  return site.limitA !== undefined ? `${site.limitA} A per phase` : `${site.limitW ?? '?'} W`;
}

/** Every site with its limit and stations; a name opens the site (its live panel), Edit its editor. */
export function SiteList({
  sites,
  loading,
  error,
  selectedId,
  onEdit,
  onDelete,
}: {
  sites: SiteDto[] | undefined;
  loading: boolean;
  error: string | null;
  selectedId: string | null;
  onEdit: (site: SiteDto) => void;
  onDelete: (site: SiteDto) => void;
}) {
  return (
    <ListTable
      rows={sites}
      loading={loading}
      error={error}
      empty="No site yet: a site groups the stations behind one grid supply and shares its limit among their sessions. Create one with “New site”."
      tableLabel="Sites"
      scrollLabel="Sites table"
      className="site-table"
      rowKey={(s) => s.id}
      columns={[
        {
          header: 'Name',
          cell: (s) => (
            <a href={href('sites', s.id)} aria-current={s.id === selectedId ? 'true' : undefined}>
              {s.name}
            </a>
          ),
        },
        { header: 'Id', className: 'mono', cell: (s) => s.id },
        { header: 'Limit', cell: (s) => limitText(s) },
        { header: 'Phases', className: 'num', cell: (s) => s.phases },
        { header: 'Margin', className: 'num', cell: (s) => `${s.marginPct} %` },
        { header: 'Stations', className: 'num', cell: (s) => s.stations.length },
        { header: 'Schedule', cell: (s) => (s.schedule.length ? `${s.schedule.length} period${s.schedule.length === 1 ? '' : 's'}` : 'none') },
        {
          header: 'Actions',
          cell: (s) => (
            <div className="row">
              <button type="button" onClick={() => onEdit(s)} aria-label={`Edit ${s.name}`}>
                Edit
              </button>
              <ConfirmDeleteButton name={s.name} onDelete={() => onDelete(s)} />
            </div>
          ),
        },
      ]}
    />
  );
}
