import type { ReactNode } from 'react';
import type { UserError } from '../api/user-error.ts';

/** A designed "nothing here yet" panel. */
export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="empty-state">
      <p className="empty-state-title">{title}</p>
      {children ? <div className="empty-state-body">{children}</div> : null}
      {action ? <div className="empty-state-action">{action}</div> : null}
    </div>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

/** A failed load, in words, with a way to try again. */
export function ErrorPanel({
  error,
  title = 'Could not load this',
  onRetry,
  retryLabel = 'Try again',
}: {
  error: UserError;
  title?: string;
  onRetry?: () => void;
  retryLabel?: string;
}) {
  return (
    <div className="error-panel" role="alert">
      <p className="error-panel-title">{title}</p>
      <p className="error-panel-message">{error.message}</p>
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          {retryLabel}
        </button>
      ) : null}
    </div>
  );
}

/** An action's error, next to its button. */
export function InlineError({ error }: { error: UserError | null }) {
  if (!error) return null;
  return (
    <p className="inline-error" role="alert">
      {error.message}
    </p>
  );
}

export function Banner({
  level,
  children,
  actions,
}: {
  level: 'info' | 'warning' | 'error';
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className={`banner banner-${level}`} role={level === 'info' ? 'status' : 'alert'}>
      <div className="banner-text">{children}</div>
      {actions ? <div className="banner-actions">{actions}</div> : null}
    </div>
  );
}
