import { resolveIdTag } from '../domain/authorization.js';
import type { Handler } from './context.js';

/** Authorize (OCPP 1.6 §4.1): answered from the id-tag table alone, with no I/O beyond one indexed read. */
export const authorize: Handler<'Authorize'> = (ctx, req) => ({ idTagInfo: resolveIdTag(ctx.repos, req.idTag, ctx.now) });
