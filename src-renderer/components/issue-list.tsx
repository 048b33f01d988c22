import type { FieldIssue } from '../../src-main/api/field-issues.ts';

/** Config issues no field on screen can show, each with the path it is about. */
export function IssueList({ issues }: { issues: readonly FieldIssue[] }) {
  // The same issue can come from the form's own check and from the server's.
  const unique = new Map(issues.map((i) => [`${i.path}\n${i.message}`, i]));
  if (unique.size === 0) return null;
  return (
    <ul className="issue-list">
      {[...unique].map(([key, i]) => (
        <li key={key}>
          <code>{i.path.replace(/^config\./, '')}</code> {i.message}
        </li>
      ))}
    </ul>
  );
}

/** An error panel listing config issues, with an optional sentence above them. */
export function IssuesPanel({
  title,
  message,
  issues,
}: {
  title: string;
  message?: string;
  issues: readonly FieldIssue[];
}) {
  return (
    <div className="error-panel" role="alert">
      <p className="error-panel-title">{title}</p>
      {message ? <p className="error-panel-message">{message}</p> : null}
      <IssueList issues={issues} />
    </div>
  );
}
