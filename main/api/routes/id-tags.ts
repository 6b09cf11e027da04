import { ID_TAG_CSV_HEADER, type IdTagImportResult, type IdTagUpdate } from '../../../shared/api/types.js';
import type { IdTagInput } from '../../csms/storage/repositories/id-tags.js';
import { csvLine, parseCsv } from '../csv.js';
import { idTagDto } from '../dto.js';
import { intParam, notFound, readBodyText, readJsonObject, sendText, validationFailed } from '../http.js';
import { HANDLED, reply, type Router } from '../router.js';
import { checkFields, dateTime, nullable, oneOf, text, type FieldCheck } from '../validate.js';

const ID_TAG_STATUSES = ['Accepted', 'Blocked', 'Expired', 'Invalid'] as const;
/** idTag and parentIdTag are IdToken = CiString20 (OCPP 1.6 §7.28). */
const idToken = text(20, 1);

const UPDATE_FIELDS: Record<string, FieldCheck> = {
  status: oneOf(ID_TAG_STATUSES),
  expiryDate: nullable(dateTime),
  parentIdTag: nullable(idToken),
  description: text(500),
};

/** Problems of one id-tag record (PUT body or CSV line), by field. */
function idTagProblems(idTag: string, body: Record<string, unknown>): Record<string, string> {
  const problems = checkFields(body, UPDATE_FIELDS, ['status']);
  const idProblem = idToken(idTag);
  if (idProblem) problems.idTag = idProblem;
  if (typeof body.parentIdTag === 'string' && body.parentIdTag.toLowerCase() === idTag.toLowerCase()) problems.parentIdTag = 'must not be the tag itself';
  return problems;
}

function toInput(idTag: string, update: IdTagUpdate): IdTagInput {
  return {
    idTag,
    status: update.status,
    expiryDate: update.expiryDate === undefined || update.expiryDate === null ? null : new Date(update.expiryDate).toISOString(),
    parentIdTag: update.parentIdTag ?? null,
    description: update.description ?? '',
  };
}

export function idTagRoutes(router: Router): void {
  router.get('/api/id-tags', ({ query, ctx }) => {
    const all = ctx.csms.repos.idTags.list();
    const offset = intParam(query, 'offset', { min: 0 }) ?? 0;
    const limit = intParam(query, 'limit', { min: 1, max: 100_000 }) ?? 1000;
    return { items: all.slice(offset, offset + limit).map(idTagDto), total: all.length };
  });

  router.get('/api/id-tags.csv', ({ res, ctx }) => {
    let csv = csvLine([...ID_TAG_CSV_HEADER]);
    for (const row of ctx.csms.repos.idTags.list()) csv += csvLine([row.id_tag, row.status, row.expiry_date, row.parent_id_tag, row.description]);
    sendText(res, 200, 'text/csv; charset=utf-8', csv, 'id-tags.csv');
    return HANDLED;
  });

  router.post('/api/id-tags.csv', async ({ req, ctx }) => {
    const rows = parseCsv(await readBodyText(req));
    const header = rows.shift();
    const columns = header?.fields.map((f) => f.trim()) ?? [];
    const unknown = columns.filter((c) => !(ID_TAG_CSV_HEADER as readonly string[]).includes(c));
    if (!columns.includes('idTag') || !columns.includes('status') || unknown.length)
      throw validationFailed({ header: `must be ${ID_TAG_CSV_HEADER.join(',')} (idTag and status required${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''})` }, 'Bad CSV header');
    const result: IdTagImportResult = { imported: 0, errors: [] };
    const inputs: IdTagInput[] = [];
    const seen = new Map<string, number>();
    for (const row of rows) {
      if (row.fields.length !== columns.length) {
        result.errors.push({ line: row.line, idTag: null, message: `expected ${columns.length} fields, got ${row.fields.length}` });
        continue;
      }
      const record: Record<string, string> = {};
      columns.forEach((c, i) => (record[c] = row.fields[i]!));
      const idTag = record.idTag!.trim();
      const body: Record<string, unknown> = { status: record.status!.trim() };
      if (record.expiryDate?.trim()) body.expiryDate = record.expiryDate.trim();
      if (record.parentIdTag?.trim()) body.parentIdTag = record.parentIdTag.trim();
      if (record.description !== undefined) body.description = record.description;
      const problems = idTagProblems(idTag, body);
      const earlier = seen.get(idTag.toLowerCase());
      if (earlier !== undefined) problems.idTag = `duplicates line ${earlier}`;
      if (Object.keys(problems).length) {
        result.errors.push({ line: row.line, idTag: idTag || null, message: Object.entries(problems).map(([k, v]) => `${k} ${v}`).join('; ') });
        continue;
      }
      seen.set(idTag.toLowerCase(), row.line);
      inputs.push(toInput(idTag, body as unknown as IdTagUpdate));
    }
    const now = ctx.csms.clock.now().toISOString();
    await ctx.csms.groupCommit.run(() => {
      for (const input of inputs) ctx.csms.repos.idTags.upsert(input, now);
    });
    result.imported = inputs.length;
    for (const input of inputs) ctx.csms.events.emit('idTag.changed', { idTag: input.idTag });
    return result;
  });

  router.get('/api/id-tags/:idTag', ({ params, ctx }) => {
    const row = ctx.csms.repos.idTags.get(params.idTag!);
    if (!row) throw notFound(`Id tag ${params.idTag}`);
    return idTagDto(row);
  });

  router.put('/api/id-tags/:idTag', async ({ req, params, ctx }) => {
    const idTag = params.idTag!;
    const body = await readJsonObject(req);
    const problems = idTagProblems(idTag, body);
    if (Object.keys(problems).length) throw validationFailed(problems);
    const existed = !!ctx.csms.repos.idTags.get(idTag);
    await ctx.csms.upsertIdTag(toInput(idTag, body as unknown as IdTagUpdate));
    return reply(existed ? 200 : 201, idTagDto(ctx.csms.repos.idTags.get(idTag)!));
  });

  router.delete('/api/id-tags/:idTag', async ({ params, ctx }) => {
    const idTag = params.idTag!;
    const deleted = await ctx.csms.groupCommit.run(() => ctx.csms.repos.idTags.delete(idTag));
    if (!deleted) throw notFound(`Id tag ${idTag}`);
    ctx.csms.events.emit('idTag.changed', { idTag });
    return reply(204);
  });
}
