import { EmptyState } from '../components/panels.tsx';

export function NotFoundPage({ path }: { path: string }) {
  return (
    <div className="page">
      <h1 className="page-title">Page not found</h1>
      <EmptyState
        title={`There is nothing at ${path}.`}
        action={
          <a className="button" href="#/">
            Go to the dashboard
          </a>
        }
      />
    </div>
  );
}
