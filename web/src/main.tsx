import './styles.css';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from './ui/router.tsx';
import { ClientProvider } from './client.tsx';
import { AppRoutes } from './routes.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

// As a transition, the first render (a page's whole list, when its data came with the HTML) yields to the browser
// every few milliseconds instead of holding a slow phone's main thread in one long task.
startTransition(() =>
  createRoot(root).render(
    <StrictMode>
      <ClientProvider>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </ClientProvider>
    </StrictMode>,
  ),
);
