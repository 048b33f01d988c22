import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { pickTransport } from './api/pick-transport.ts';
import { App } from './app.tsx';
import { NoConnectionPage } from './pages/no-connection-page.tsx';
import 'uplot/dist/uPlot.min.css';
import './styles/tokens.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/pages.css';

const root = document.getElementById('root');
if (root) {
  // Read once, before routing: it also takes `#token=…` off the address bar.
  const transport = pickTransport(window);
  createRoot(root).render(
    <StrictMode>
      {transport ? <App api={transport.api} connection={transport.connection} /> : <NoConnectionPage />}
    </StrictMode>,
  );
}
