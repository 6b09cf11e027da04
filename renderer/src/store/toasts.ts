import { create } from 'zustand';

export interface Toast {
  id: number;
  kind: 'info' | 'success' | 'error';
  text: string;
}

interface ToastState {
  toasts: Toast[];
  nextId: number;
  push: (kind: Toast['kind'], text: string) => void;
  dismiss: (id: number) => void;
  reset: () => void;
}

/** At most this many notices at once: a sixth pushes the oldest out. */
export const MAX_TOASTS = 5;
/** How long a notice stays: an error long enough to be read and acted on. */
export const TOAST_ERROR_MS = 10_000;
export const TOAST_INFO_MS = 4_000;

/** Short notices ("Reset accepted", "Export failed: …"), dismissed by hand or after a few seconds. */
export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  nextId: 1,
  push(kind, text) {
    const id = get().nextId;
    set({ nextId: id + 1, toasts: [...get().toasts.slice(-(MAX_TOASTS - 1)), { id, kind, text }] });
    setTimeout(() => get().dismiss(id), kind === 'error' ? TOAST_ERROR_MS : TOAST_INFO_MS);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
  reset() {
    set({ toasts: [], nextId: 1 });
  },
}));

export const toast = {
  info: (text: string) => useToasts.getState().push('info', text),
  success: (text: string) => useToasts.getState().push('success', text),
  error: (text: string) => useToasts.getState().push('error', text),
};
