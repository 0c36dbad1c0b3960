import { lazy, type ComponentType } from 'react';
import { Route, Routes } from 'react-router';
import { Layout } from './ui/Layout.tsx';
import { HomePage } from './events/HomePage.tsx';
import { NotFoundPage } from './ui/NotFoundPage.tsx';
import { pageLoading } from './ui/page-loading.ts';

function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => {
    // React calls this while rendering: tell the layout just after.
    queueMicrotask(() => pageLoading(1));
    return load().then(
      (module) => {
        pageLoading(-1);
        return { default: module[name] };
      },
      (error: unknown) => {
        pageLoading(-1);
        throw error;
      },
    );
  });
}

const NearPage = lazyPage(() => import('./events/NearPage.tsx'), 'NearPage');
const MarginalsPage = lazyPage(() => import('./marginals/MarginalsPage.tsx'), 'MarginalsPage');
const NewEventPage = lazyPage(() => import('./events/EventFormPages.tsx'), 'NewEventPage');
const EventPage = lazyPage(() => import('./events/EventPage.tsx'), 'EventPage');
const EditEventPage = lazyPage(() => import('./events/EventFormPages.tsx'), 'EditEventPage');
const EventLiftsPage = lazyPage(() => import('./lifts/organiser/EventLiftsPage.tsx'), 'EventLiftsPage');
const CheckInPage = lazyPage(() => import('./check-in/CheckInPage.tsx'), 'CheckInPage');
const ExportLogPage = lazyPage(() => import('./check-in/ExportLogPage.tsx'), 'ExportLogPage');
const MessageAttendeesPage = lazyPage(() => import('./organiser/MessageAttendeesPage.tsx'), 'MessageAttendeesPage');
const ConfirmSignUpPage = lazyPage(() => import('./account/ConfirmSignUpPage.tsx'), 'ConfirmSignUpPage');
const SignUpPage = lazyPage(() => import('./account/AuthPages.tsx'), 'SignUpPage');
const SignInPage = lazyPage(() => import('./account/AuthPages.tsx'), 'SignInPage');
const ForgotPasswordPage = lazyPage(() => import('./account/PasswordPages.tsx'), 'ForgotPasswordPage');
const ResetPasswordPage = lazyPage(() => import('./account/PasswordPages.tsx'), 'ResetPasswordPage');
const ReminderPage = lazyPage(() => import('./mail/ReminderPage.tsx'), 'ReminderPage');
const PlansPage = lazyPage(() => import('./account/PlansPage.tsx'), 'PlansPage');
const NotificationsPage = lazyPage(() => import('./account/NotificationsPage.tsx'), 'NotificationsPage');
const UnsubscribePage = lazyPage(() => import('./account/UnsubscribePage.tsx'), 'UnsubscribePage');
const OrganisePage = lazyPage(() => import('./campaigns/OrganisePages.tsx'), 'OrganisePage');
const ManagedEventsPage = lazyPage(() => import('./campaigns/OrganisePages.tsx'), 'ManagedEventsPage');
const ApprovalQueuePage = lazyPage(() => import('./campaigns/ApprovalQueuePage.tsx'), 'ApprovalQueuePage');
const NewCampaignPage = lazyPage(() => import('./campaigns/NewCampaignPage.tsx'), 'NewCampaignPage');
const CampaignPage = lazyPage(() => import('./campaigns/CampaignPage.tsx'), 'CampaignPage');
const EditCampaignPage = lazyPage(() => import('./campaigns/EditCampaignPage.tsx'), 'EditCampaignPage');
const CoveragePage = lazyPage(() => import('./campaigns/CoveragePage.tsx'), 'CoveragePage');
const NeededPage = lazyPage(() => import('./campaigns/NeededPage.tsx'), 'NeededPage');
const HostCampaignEventPage = lazyPage(() => import('./campaigns/HostCampaignEventPage.tsx'), 'HostCampaignEventPage');
const CoHostInvitePage = lazyPage(() => import('./campaigns/CoHostInvitePage.tsx'), 'CoHostInvitePage');

// Home is in the main bundle; every other page (the results list too) loads on first visit, and the map after it.
// The router wraps navigations in a transition, so the old page stays up until the new page's code has arrived.
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path="near/:postcode" element={<NearPage />} />
        <Route path="marginals" element={<MarginalsPage />} />
        <Route path="marginals/:postcode" element={<MarginalsPage />} />
        <Route path="events/new" element={<NewEventPage />} />
        <Route path="events/:id" element={<EventPage />} />
        <Route path="events/:id/edit" element={<EditEventPage />} />
        <Route path="events/:id/lifts" element={<EventLiftsPage />} />
        <Route path="events/:id/check-in" element={<CheckInPage />} />
        <Route path="admin/exports" element={<ExportLogPage />} />
        <Route path="events/:id/messages" element={<MessageAttendeesPage />} />
        <Route path="signup/confirm" element={<ConfirmSignUpPage />} />
        <Route path="signup" element={<SignUpPage />} />
        <Route path="signin" element={<SignInPage />} />
        <Route path="forgot-password" element={<ForgotPasswordPage />} />
        <Route path="reset-password" element={<ResetPasswordPage />} />
        <Route path="reminder" element={<ReminderPage />} />
        <Route path="plans" element={<PlansPage />} />
        <Route path="account/notifications" element={<NotificationsPage />} />
        <Route path="unsubscribe" element={<UnsubscribePage />} />
        <Route path="organise" element={<OrganisePage />} />
        <Route path="organise/events" element={<ManagedEventsPage />} />
        <Route path="organise/approvals" element={<ApprovalQueuePage />} />
        <Route path="campaigns/new" element={<NewCampaignPage />} />
        <Route path="campaigns/:id" element={<CampaignPage />} />
        <Route path="campaigns/:id/edit" element={<EditCampaignPage />} />
        <Route path="campaigns/:id/coverage" element={<CoveragePage />} />
        <Route path="campaigns/:id/needed" element={<NeededPage />} />
        <Route path="campaigns/:id/host" element={<HostCampaignEventPage />} />
        <Route path="co-host-invites/:id" element={<CoHostInvitePage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
