import type { ReactNode } from 'react';

/** Opened without the bridge or the link `solvewatch serve` prints: say how to get in. */
export function NoConnectionPage() {
  return (
    <ConnectionCard>
      <h1>Open the link from your terminal</h1>
      <p>
        This page needs the private link that <code>solvewatch serve</code> prints when it starts. It looks
        like this:
      </p>
      <pre className="code-block">open http://127.0.0.1:7420/#token=…</pre>
      <p>
        Copy that whole line's address into the address bar. The token after <code>#token=</code> lets this
        browser talk to your Solvewatch server; it stays on this computer and is never sent in page requests.
      </p>
      <p className="muted">
        Lost it? Run <code>solvewatch serve</code> again, or read it from <code>token</code> in the data
        folder.
      </p>
    </ConnectionCard>
  );
}

/** The full-page card of the pages shown before the window can reach the engine. */
export function ConnectionCard({ children }: { children: ReactNode }) {
  return (
    <main className="no-connection">
      <div className="no-connection-card">
        <p className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          Solvewatch
        </p>
        {children}
      </div>
    </main>
  );
}
