import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ClientProvider } from './client.tsx';
import { AppRoutes } from './routes.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <ClientProvider>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </ClientProvider>
  </StrictMode>,
);
