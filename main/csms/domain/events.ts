import { EventEmitter } from 'node:events';
import type { ApiEventMap } from '../../../shared/api/events.js';

/**
 * Change notifications from the central system (their map is defined once, in shared/api/events.ts, because the
 * API streams them and the console receives them). Small on purpose: the console and the API are told *what* changed
 * and re-query what they show (docs/architecture.md, events), so a burst of meter values costs them little.
 */
export type CsmsEventMap = ApiEventMap;

export type CsmsEventName = keyof CsmsEventMap;

export class CsmsEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Many console clients and API streams may listen; this is not a leak.
    this.emitter.setMaxListeners(0);
  }

  emit<E extends CsmsEventName>(name: E, payload: CsmsEventMap[E]): void {
    this.emitter.emit(name, payload);
    this.emitter.emit('*', name, payload);
  }

  on<E extends CsmsEventName>(name: E, listener: (payload: CsmsEventMap[E]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }

  /** Every event, for streams that forward all of them (SSE, IPC). */
  onAny(listener: <E extends CsmsEventName>(name: E, payload: CsmsEventMap[E]) => void): () => void {
    this.emitter.on('*', listener);
    return () => this.emitter.off('*', listener);
  }
}
