import { useState } from 'react';
import { errorMessage } from '../../components/error-message.js';
import { toast } from '../../store/toasts.js';

/** Copies `text`; clipboard API where allowed, else a hidden selection (file:// pages, older shells). */
async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    if (!ok) throw new Error('the clipboard is not available');
  }
}

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={() => {
        copyText(text).then(
          () => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          },
          (err: unknown) => toast.error(`Copy failed: ${errorMessage(err)}`),
        );
      }}
    >
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}
