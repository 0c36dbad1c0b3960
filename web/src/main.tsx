import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { ClientProvider } from './client.tsx';
import { router } from './routes.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <ClientProvider>
      <RouterProvider router={router} />
    </ClientProvider>
  </StrictMode>,
);
