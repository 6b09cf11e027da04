/** Pretty JSON for frames and answers, selectable and copyable as is. */
export function JsonView({ value, label }: { value: unknown; label?: string }) {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(JSON.parse(value), null, 2) : JSON.stringify(value, null, 2);
  } catch {
    text = String(value);
  }
  return (
    <pre className="json" aria-label={label ?? 'JSON'} tabIndex={0}>
      {text}
    </pre>
  );
}
