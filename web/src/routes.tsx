import { createBrowserRouter } from 'react-router';
import { Layout } from './ui/Layout.tsx';
import { HomePage } from './events/HomePage.tsx';
import { NotFoundPage } from './ui/NotFoundPage.tsx';

/**
 * While the first page's code loads: the loading state index.html paints before any script (its classes are styled
 * there), so nothing jumps when React takes over.
 */
function Booting() {
  return (
    <>
      <div className="boot-bar">
        <div className="boot-bar-inner">
          <span className="boot-brand">
            <span className="boot-mark" />
            Rallypoint
          </span>
        </div>
      </div>
      <p className="boot-status" role="status">
        Loading Rallypoint…
      </p>
    </>
  );
}

// Home is in the main bundle; every other page (the results list too) loads on first visit, and the map after it.
export const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    hydrateFallbackElement: <Booting />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'near/:postcode', lazy: async () => ({ Component: (await import('./events/NearPage.tsx')).NearPage }) },
      { path: 'marginals', lazy: async () => ({ Component: (await import('./marginals/MarginalsPage.tsx')).MarginalsPage }) },
      { path: 'marginals/:postcode', lazy: async () => ({ Component: (await import('./marginals/MarginalsPage.tsx')).MarginalsPage }) },
      { path: 'events/new', lazy: async () => ({ Component: (await import('./events/EventFormPages.tsx')).NewEventPage }) },
      { path: 'events/:id', lazy: async () => ({ Component: (await import('./events/EventPage.tsx')).EventPage }) },
      { path: 'events/:id/edit', lazy: async () => ({ Component: (await import('./events/EventFormPages.tsx')).EditEventPage }) },
      { path: 'events/:id/lifts', lazy: async () => ({ Component: (await import('./lifts/organiser/EventLiftsPage.tsx')).EventLiftsPage }) },
      { path: 'events/:id/check-in', lazy: async () => ({ Component: (await import('./check-in/CheckInPage.tsx')).CheckInPage }) },
      { path: 'admin/exports', lazy: async () => ({ Component: (await import('./check-in/ExportLogPage.tsx')).ExportLogPage }) },
      { path: 'events/:id/messages', lazy: async () => ({ Component: (await import('./organiser/MessageAttendeesPage.tsx')).MessageAttendeesPage }) },
      { path: 'signup/confirm', lazy: async () => ({ Component: (await import('./account/ConfirmSignUpPage.tsx')).ConfirmSignUpPage }) },
      { path: 'signup', lazy: async () => ({ Component: (await import('./account/AuthPages.tsx')).SignUpPage }) },
      { path: 'signin', lazy: async () => ({ Component: (await import('./account/AuthPages.tsx')).SignInPage }) },
      { path: 'forgot-password', lazy: async () => ({ Component: (await import('./account/PasswordPages.tsx')).ForgotPasswordPage }) },
      { path: 'reset-password', lazy: async () => ({ Component: (await import('./account/PasswordPages.tsx')).ResetPasswordPage }) },
      { path: 'reminder', lazy: async () => ({ Component: (await import('./mail/ReminderPage.tsx')).ReminderPage }) },
      { path: 'plans', lazy: async () => ({ Component: (await import('./account/PlansPage.tsx')).PlansPage }) },
      { path: 'account/notifications', lazy: async () => ({ Component: (await import('./account/NotificationsPage.tsx')).NotificationsPage }) },
      { path: 'unsubscribe', lazy: async () => ({ Component: (await import('./account/UnsubscribePage.tsx')).UnsubscribePage }) },
      { path: 'organise', lazy: async () => ({ Component: (await import('./campaigns/OrganisePages.tsx')).OrganisePage }) },
      { path: 'organise/events', lazy: async () => ({ Component: (await import('./campaigns/OrganisePages.tsx')).ManagedEventsPage }) },
      { path: 'organise/approvals', lazy: async () => ({ Component: (await import('./campaigns/ApprovalQueuePage.tsx')).ApprovalQueuePage }) },
      { path: 'campaigns/new', lazy: async () => ({ Component: (await import('./campaigns/NewCampaignPage.tsx')).NewCampaignPage }) },
      { path: 'campaigns/:id', lazy: async () => ({ Component: (await import('./campaigns/CampaignPage.tsx')).CampaignPage }) },
      { path: 'campaigns/:id/edit', lazy: async () => ({ Component: (await import('./campaigns/EditCampaignPage.tsx')).EditCampaignPage }) },
      { path: 'campaigns/:id/coverage', lazy: async () => ({ Component: (await import('./campaigns/CoveragePage.tsx')).CoveragePage }) },
      { path: 'campaigns/:id/needed', lazy: async () => ({ Component: (await import('./campaigns/NeededPage.tsx')).NeededPage }) },
      { path: 'campaigns/:id/host', lazy: async () => ({ Component: (await import('./campaigns/HostCampaignEventPage.tsx')).HostCampaignEventPage }) },
      { path: 'co-host-invites/:id', lazy: async () => ({ Component: (await import('./campaigns/CoHostInvitePage.tsx')).CoHostInvitePage }) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
