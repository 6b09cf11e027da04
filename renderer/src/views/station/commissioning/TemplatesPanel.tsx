import { useState } from 'react';
import type { CommissioningTemplateDto } from '../../../../../shared/api/types.js';
import { useAsyncAction } from '../../../components/async-action.js';
import { ConfirmDeleteButton } from '../../../components/ConfirmDeleteButton.js';
import { ListTable } from '../../../components/ListTable.js';
import { ErrorBox } from '../../../components/Page.js';
import { useApi } from '../../../store/connection.js';
import { CHECK_LABELS, copyName, inRunOrder } from './commissioning-model.js';
import { TemplateEditor, type TemplateDraft } from './TemplateEditor.js';

/**
 * Commissioning templates: the built-in ones (read-only; "Copy" starts a new one from them) and the saved ones,
 * which can be edited and deleted (PUT / DELETE /api/commissioning-templates/{name}).
 */
export function TemplatesPanel({
  templates,
  error,
  onChanged,
}: {
  templates: CommissioningTemplateDto[] | undefined;
  error: string | null;
  onChanged: () => void;
}) {
  const api = useApi();
  const [draft, setDraft] = useState<TemplateDraft | null>(null);
  const names = (templates ?? []).map((t) => t.name);
  const remove = useAsyncAction(async (name: string) => {
    await api.deleteCommissioningTemplate(name);
    if (draft?.editing === name) setDraft(null);
    onChanged();
  });

  return (
    <section className="panel" aria-labelledby="commissioning-templates-title">
      <div className="row">
        <h2 id="commissioning-templates-title">Templates</h2>
        <button type="button" onClick={() => setDraft({ editing: null, name: '', description: '', checks: [] })}>
          New template
        </button>
      </div>
      <ErrorBox error={remove.error} />
      {draft ? (
        <TemplateEditor
          key={draft.editing ?? 'new'}
          initial={draft}
          onCancel={() => setDraft(null)}
          onSaved={() => {
            setDraft(null);
            onChanged();
          }}
        />
      ) : null}
      <ListTable
        rows={templates}
        error={error}
        tableLabel="Commissioning templates"
        scrollLabel="Commissioning templates, scrollable"
        empty="No template."
        rowKey={(t) => t.name}
        rowLabel={(t) => `Template ${t.name}`}
        columns={[
          { header: 'Name', cell: (t) => (t.builtIn ? `${t.name} (built in)` : t.name) },
          { header: 'Description', cell: (t) => t.description ?? <span className="muted">none</span> },
          {
            header: 'Checks',
            cell: (t) =>
              inRunOrder(t.checks)
                .map((c) => CHECK_LABELS[c])
                .join(', '),
          },
          {
            header: <span className="visually-hidden">Actions</span>,
            cell: (t) => (
              <div className="row">
                <button
                  type="button"
                  aria-label={`Copy ${t.name}`}
                  onClick={() => setDraft({ editing: null, name: copyName(t.name, names), description: t.description ?? '', checks: [...t.checks] })}
                >
                  Copy
                </button>
                {t.builtIn ? null : (
                  <>
                    <button
                      type="button"
                      aria-label={`Edit ${t.name}`}
                      onClick={() => setDraft({ editing: t.name, name: t.name, description: t.description ?? '', checks: [...t.checks] })}
                    >
                      Edit
                    </button>
                    <ConfirmDeleteButton name={t.name} disabled={remove.pending} onDelete={() => remove.run(t.name)} />
                  </>
                )}
              </div>
            ),
          },
        ]}
      />
    </section>
  );
}
