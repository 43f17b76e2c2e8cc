// A unified diff as coloured lines; +/- stay in the text so the meaning survives without colour.
export function DiffView({ diff, label }: { diff: string; label: string }): React.JSX.Element {
  const lines = diff.split('\n').filter((l, i, all) => !(i === all.length - 1 && l === '')).filter((l) => !l.startsWith('===') && !l.startsWith('Index:'));
  return (
    <pre className="diff" aria-label={label} tabIndex={0} data-testid="diff">
      {lines.map((line, i) => {
        const kind = line.startsWith('+++') || line.startsWith('---') ? 'file' : line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : line.startsWith('@@') ? 'hunk' : 'ctx';
        return (
          <span key={i} className="diff-line" data-kind={kind}>
            {line || ' '}
          </span>
        );
      })}
    </pre>
  );
}
