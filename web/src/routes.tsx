import { createBrowserRouter } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { NearPage } from './pages/NearPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';

// The landing pages are in the main bundle; the rest load on first visit.
export const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    hydrateFallbackElement: <p className="page">Loading…</p>,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'near/:postcode', element: <NearPage /> },
      { path: 'marginals', lazy: async () => ({ Component: (await import('./pages/MarginalsPage.tsx')).MarginalsPage }) },
      { path: 'marginals/:postcode', lazy: async () => ({ Component: (await import('./pages/MarginalsPage.tsx')).MarginalsPage }) },
      { path: 'events/new', lazy: async () => ({ Component: (await import('./pages/EventFormPages.tsx')).NewEventPage }) },
      { path: 'events/:id', lazy: async () => ({ Component: (await import('./pages/EventPage.tsx')).EventPage }) },
      { path: 'events/:id/edit', lazy: async () => ({ Component: (await import('./pages/EventFormPages.tsx')).EditEventPage }) },
      { path: 'events/:id/lifts', lazy: async () => ({ Component: (await import('./pages/EventLiftsPage.tsx')).EventLiftsPage }) },
      { path: 'signup/confirm', lazy: async () => ({ Component: (await import('./pages/ConfirmSignUpPage.tsx')).ConfirmSignUpPage }) },
      { path: 'signup', lazy: async () => ({ Component: (await import('./pages/AuthPages.tsx')).SignUpPage }) },
      { path: 'signin', lazy: async () => ({ Component: (await import('./pages/AuthPages.tsx')).SignInPage }) },
      { path: 'plans', lazy: async () => ({ Component: (await import('./pages/PlansPage.tsx')).PlansPage }) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
