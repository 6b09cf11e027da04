import { ID_TAG_CSV_HEADER, ID_TAG_IMPORT_MODES, type IdTagImportMode, type IdTagImportResult, type IdTagUpdate } from '../../../shared/api/types.js';
import type { IdTagInput } from '../../csms/services/id-tag-directory.js';
import { parseCsv } from '../csv.js';
import { idTagDto } from '../../csms/services/dto.js';
import { ApiHttpError, intParam, notFound, readBodyText, readJsonObject, sendSerialisedJson, sendText, validationFailed } from '../http.js';
import { HANDLED, reply, type Router } from '../router.js';
import { IdTagCreateBody, IdTagUpdateBody } from '../../../shared/api/request-bodies.js';
import { bodyProblems, valueProblem } from '../validate.js';

/** Problems of one id-tag record (PUT/POST body or CSV line), by field. */
function idTagProblems(idTag: string, body: Record<string, unknown>): Record<string, string> {
  const problems = bodyProblems(IdTagUpdateBody, body);
  const idProblem = valueProblem(IdTagCreateBody, 'idTag', idTag);
  if (idProblem) problems.idTag = idProblem;
  if (typeof body.parentIdTag === 'string' && body.parentIdTag.toLowerCase() === idTag.toLowerCase())
    problems.parentIdTag = 'must not be the tag itself';
  return problems;
}

function toInput(idTag: string, update: IdTagUpdate): IdTagInput {
  return {
    idTag,
    status: update.status,
    expiryDate: update.expiryDate === undefined || update.expiryDate === null ? null : new Date(update.expiryDate).toISOString(),
    parentIdTag: update.parentIdTag ?? null,
    description: update.description ?? '',
    allowConcurrentTx: update.allowConcurrentTx,
  };
}

/**
 * A CSV cell of the several-sessions column read back (`true`, `false` or empty, as storage/reader/id-tag-list.ts
 * writes it): undefined when it is none of those.
 */
function concurrentValue(cell: string): boolean | null | undefined {
  const text = cell.trim().toLowerCase();
  return text === '' ? null : text === 'true' ? true : text === 'false' ? false : undefined;
}

const alreadyExists = (stored: string) =>
  new ApiHttpError(409, 'API_ERR_CONFLICT', `Id tag ${stored} exists already: edit it instead`, {
    fields: { idTag: `exists already (${stored}): edit it instead` },
    existing: stored,
  });

export function idTagRoutes(router: Router): void {
  // `search` looks through every tag (not a page of them); tags come in natural order (TAG2 before TAG10), and
  // `total` counts the matches: a ListResponse<IdTagDto> chosen and serialised by the reader worker
  // (storage/reader/id-tag-list.ts).
  router.get('/api/id-tags', async ({ query, res, ctx }) => {
    const page = {
      search: query.get('search') ?? '',
      offset: intParam(query, 'offset', { min: 0 }) ?? 0,
      limit: intParam(query, 'limit', { min: 1, max: 100_000 }) ?? 1000,
    };
    sendSerialisedJson(res, 200, await ctx.idTags.pageJson(page));
    return HANDLED;
  });

  // Create only: an existing tag (compared case-insensitively, CiString) is refused, never overwritten.
  router.post('/api/id-tags', async ({ req, ctx }) => {
    const body = await readJsonObject(req);
    const { idTag, ...record } = body;
    if (typeof idTag !== 'string') throw validationFailed({ idTag: idTag === undefined ? 'is required' : 'must be a string' });
    const problems = idTagProblems(idTag, record);
    if (Object.keys(problems).length) throw validationFailed(problems);
    const input = toInput(idTag, record as unknown as IdTagUpdate);
    const outcome = await ctx.idTags.create(input);
    if ('existing' in outcome) throw alreadyExists(outcome.existing);
    return reply(201, idTagDto(outcome.created));
  });

  router.get('/api/id-tags.csv', async ({ res, ctx }) => {
    sendText(res, 200, 'text/csv; charset=utf-8', await ctx.idTags.csv(), 'id-tags.csv');
    return HANDLED;
  });

  router.post('/api/id-tags.csv', async ({ req, query, ctx }) => {
    const modeParam = query.get('mode') ?? 'add';
    if (!(ID_TAG_IMPORT_MODES as readonly string[]).includes(modeParam))
      throw new ApiHttpError(
        400,
        'API_ERR_BAD_REQUEST',
        `mode must be one of ${ID_TAG_IMPORT_MODES.join(', ')} (add: only new tags; update: also change existing ones)`,
      );
    const mode = modeParam as IdTagImportMode;
    const { rows, broken } = parseCsv(await readBodyText(req));
    const header = rows.shift();
    const columns = header?.fields ?? [];
    const unknown = columns.filter((c) => !(ID_TAG_CSV_HEADER as readonly string[]).includes(c));
    if (!columns.includes('idTag') || !columns.includes('status') || unknown.length || (header && header.line !== 1))
      throw validationFailed(
        {
          header: `line 1 must be ${ID_TAG_CSV_HEADER.join(',')} (idTag and status required${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''})`,
        },
        'Bad CSV header',
      );
    const errors: IdTagImportResult['errors'] = broken.map((b) => ({ line: b.line, idTag: null, message: b.message }));
    const inputs: { line: number; input: IdTagInput }[] = [];
    const seen = new Map<string, number>();
    for (const row of rows) {
      if (row.fields.length !== columns.length) {
        errors.push({
          line: row.line,
          idTag: row.fields[columns.indexOf('idTag')] || null,
          message: `expected ${columns.length} fields, got ${row.fields.length}`,
        });
        continue;
      }
      const record: Record<string, string> = {};
      columns.forEach((c, i) => (record[c] = row.fields[i]!));
      const idTag = record.idTag!;
      const body: Record<string, unknown> = { status: record.status };
      if (record.expiryDate) body.expiryDate = record.expiryDate;
      if (record.parentIdTag) body.parentIdTag = record.parentIdTag;
      if (record.description !== undefined) body.description = record.description;
      if (record.allowConcurrentTx !== undefined) body.allowConcurrentTx = concurrentValue(record.allowConcurrentTx);
      const problems = idTagProblems(idTag, body);
      if (body.allowConcurrentTx === undefined && record.allowConcurrentTx !== undefined) problems.allowConcurrentTx = 'must be true, false or empty';
      const earlier = seen.get(idTag.toLowerCase());
      if (earlier !== undefined) problems.idTag = `duplicates line ${earlier}`;
      if (Object.keys(problems).length) {
        errors.push({
          line: row.line,
          idTag: idTag || null,
          message: Object.entries(problems)
            .map(([k, v]) => `${k} ${v}`)
            .join('; '),
        });
        continue;
      }
      seen.set(idTag.toLowerCase(), row.line);
      inputs.push({ line: row.line, input: toInput(idTag, body as unknown as IdTagUpdate) });
    }
    const outcome = await ctx.idTags.import(inputs, mode);
    errors.sort((a, b) => a.line - b.line);
    const result: IdTagImportResult = { mode, ...outcome, errors };
    return result;
  });

  router.get('/api/id-tags/:idTag', ({ params, ctx }) => {
    const row = ctx.idTags.get(params.idTag!);
    if (!row) throw notFound(`Id tag ${params.idTag}`);
    return idTagDto(row);
  });

  router.put('/api/id-tags/:idTag', async ({ req, params, ctx }) => {
    const idTag = params.idTag!;
    const body = await readJsonObject(req);
    const problems = idTagProblems(idTag, body);
    if (Object.keys(problems).length) throw validationFailed(problems);
    const { row, existed } = await ctx.idTags.upsert(toInput(idTag, body as unknown as IdTagUpdate));
    return reply(existed ? 200 : 201, idTagDto(row));
  });

  router.delete('/api/id-tags/:idTag', async ({ params, ctx }) => {
    const idTag = params.idTag!;
    if (!(await ctx.idTags.delete(idTag))) throw notFound(`Id tag ${idTag}`);
    return reply(204);
  });
}
