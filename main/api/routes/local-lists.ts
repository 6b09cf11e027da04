import type { LocalListSyncResponse } from '../../../shared/api/types.js';
import { buildLocalListUpdate } from '../../csms/operations/index.js';
import type { IdTagRow } from '../../csms/services/id-tag-directory.js';
import type { LocalListEntryDto as LocalListEntry } from '../../../shared/api/types.js';
import { notFound, readJsonObject, validationFailed } from '../http.js';
import type { Router } from '../router.js';
import { LocalListSyncBody } from '../../../shared/api/request-bodies.js';
import { bodyProblems } from '../validate.js';
import { entryForTag } from '../../../shared/local-lists/diff.js';
import { idTagDto } from '../../csms/services/dto.js';
import { callResponse, sendOperation } from './calls.js';

/** The list entry for a stored tag, as the console and the local-list summary build it (shared/local-lists/diff.ts). */
const entryFor = (row: IdTagRow): LocalListEntry => entryForTag(idTagDto(row));

/** Local authorization list sync (OCPP 1.6 §3.5, §5.15): bring a station's list to the id-tag table. */
export function localListRoutes(router: Router): void {
  router.post('/api/charge-points/:id/local-list/sync', async ({ req, params, ctx }): Promise<LocalListSyncResponse> => {
    const id = params.id!;
    const body = await readJsonObject(req);
    const problems = bodyProblems(LocalListSyncBody, body);
    if (Object.keys(problems).length) throw validationFailed(problems);
    if (!ctx.stations.has(id)) throw notFound(`Charge point ${id}`);

    let rows: IdTagRow[];
    if (body.idTags === undefined) rows = ctx.idTags.list();
    else {
      const wanted = body.idTags as string[];
      const found = wanted.map((t) => ctx.idTags.get(t));
      const unknown = wanted.filter((_, i) => !found[i]);
      if (unknown.length) throw validationFailed({ idTags: `unknown id tags: ${unknown.join(', ')}` });
      // Each tag once (id tags are case-insensitive).
      rows = [...new Map(found.map((r) => [r!.id_tag.toUpperCase(), r!])).values()];
    }

    const update = buildLocalListUpdate(ctx.operations.stores.localLists, id, rows.map(entryFor));
    // Up to date: nothing is sent, so a station that is not connected is not an error either.
    if (!update) {
      // Up to date means the station confirmed a list version: there is one to report.
      const listVersion = ctx.operationsRecords.localList(id)?.confirmedVersion;
      if (listVersion === undefined || listVersion === null) throw new Error(`the local list of ${id} is up to date without a confirmed version`);
      return { upToDate: true, updateType: null, listVersion, entryCount: 0, outcome: null };
    }
    const outcome = await sendOperation(ctx, id, 'SendLocalList', update);
    return {
      upToDate: false,
      updateType: update.updateType,
      listVersion: update.listVersion,
      entryCount: update.localAuthorizationList.length,
      outcome: callResponse(outcome),
    };
  });
}
