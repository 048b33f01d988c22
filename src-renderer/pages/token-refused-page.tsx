import { ConnectionCard } from './no-connection-page.tsx';

/** The server refused this page's token (a restart made a new one, or the link was mistyped). */
export function TokenRefusedPage() {
  return (
    <ConnectionCard>
      <h1>This link's token is not valid any more</h1>
      <p>
        Solvewatch refused this page's token, usually because <code>solvewatch serve</code> was restarted and
        printed a new link. Open the link <code>solvewatch serve</code> printed; it looks like this:
      </p>
      <pre className="code-block">open http://127.0.0.1:7420/#token=…</pre>
      <p className="muted">
        Trying again with this page would only send the old token, so it was forgotten. The current one is
        also in the <code>token</code> file in the data folder.
      </p>
    </ConnectionCard>
  );
}
