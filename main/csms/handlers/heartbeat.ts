import type { Handler } from './context.js';

/** Heartbeat (OCPP 1.6 §4.6): tells the station our time; it also proves the link is alive. */
export const heartbeat: Handler<'Heartbeat'> = (ctx) => {
  ctx.repos.chargePoints.markSeen(ctx.chargePointId, ctx.nowIso);
  return { currentTime: ctx.formatTime(ctx.now) };
};
