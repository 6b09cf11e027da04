import type { InputHTMLAttributes } from 'react';

/**
 * A button that opens the file chooser and hands over the file chosen. The input is emptied right after each
 * choice, so choosing the same file again (e.g. after editing it on disk) is a new choice: browsers fire no change
 * for an unchanged selection.
 */
export function FileButton({
  label,
  inputLabel,
  accept,
  pending = false,
  onFile,
  inputProps = {},
}: {
  label: string;
  /** The accessible name of the file input itself. */
  inputLabel: string;
  accept: string;
  pending?: boolean;
  onFile: (file: File) => void;
  /** e.g. aria-invalid and aria-describedby of a field it belongs to. */
  inputProps?: Pick<InputHTMLAttributes<HTMLInputElement>, 'aria-invalid' | 'aria-describedby'>;
}) {
  return (
    <label className="button" aria-disabled={pending}>
      {label}
      <input
        {...inputProps}
        type="file"
        accept={accept}
        className="visually-hidden"
        aria-label={inputLabel}
        onChange={(e) => {
          const input = e.currentTarget;
          const file = input.files?.[0];
          input.value = '';
          if (file) onFile(file);
        }}
      />
    </label>
  );
}
