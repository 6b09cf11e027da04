import type { Handler } from './context.js';

/**
 * Heartbeat (OCPP 1.6 §4.6): tells the station our time. That it was heard is recorded for every frame, this one
 * included (domain/last-heard.ts), so the heartbeat itself writes nothing.
 */
export const heartbeat: Handler<'Heartbeat'> = (ctx) => ({ currentTime: ctx.formatTime(ctx.now) });
