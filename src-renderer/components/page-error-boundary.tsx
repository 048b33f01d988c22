import { Component, type ErrorInfo, type ReactNode } from 'react';
import { toUserError } from '../api/user-error.ts';
import { ErrorPanel } from './panels.tsx';

interface Props {
  children: ReactNode;
  /** Called by "Reload" before the page is rendered again, e.g. to fetch the live state anew. */
  onReload?: () => void;
}

/** One page that throws while rendering shows an error panel instead of blanking the whole window. */
export class PageErrorBoundary extends Component<Props, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error: error ?? new Error('unknown error') };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <div className="page">
        <ErrorPanel
          title="This page could not be shown"
          error={toUserError(this.state.error)}
          retryLabel="Reload"
          onRetry={() => {
            this.props.onReload?.();
            this.setState({ error: null });
          }}
        />
      </div>
    );
  }
}
