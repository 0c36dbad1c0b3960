import { lazy, type ComponentType } from 'react';
import { Route, Switch } from './ui/router.tsx';
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
// The router renders navigations as transitions, so the old page stays up until the new page's code has arrived.
export function AppRoutes() {
  return (
    <Layout>
      <Switch>
        <Route path="/" component={HomePage} />
        <Route path="/near/:postcode" component={NearPage} />
        <Route path="/marginals" component={MarginalsPage} />
        <Route path="/marginals/:postcode" component={MarginalsPage} />
        <Route path="/events/new" component={NewEventPage} />
        <Route path="/events/:id" component={EventPage} />
        <Route path="/events/:id/edit" component={EditEventPage} />
        <Route path="/events/:id/lifts" component={EventLiftsPage} />
        <Route path="/events/:id/check-in" component={CheckInPage} />
        <Route path="/admin/exports" component={ExportLogPage} />
        <Route path="/events/:id/messages" component={MessageAttendeesPage} />
        <Route path="/signup/confirm" component={ConfirmSignUpPage} />
        <Route path="/signup" component={SignUpPage} />
        <Route path="/signin" component={SignInPage} />
        <Route path="/forgot-password" component={ForgotPasswordPage} />
        <Route path="/reset-password" component={ResetPasswordPage} />
        <Route path="/reminder" component={ReminderPage} />
        <Route path="/plans" component={PlansPage} />
        <Route path="/account/notifications" component={NotificationsPage} />
        <Route path="/unsubscribe" component={UnsubscribePage} />
        <Route path="/organise" component={OrganisePage} />
        <Route path="/organise/events" component={ManagedEventsPage} />
        <Route path="/organise/approvals" component={ApprovalQueuePage} />
        <Route path="/campaigns/new" component={NewCampaignPage} />
        <Route path="/campaigns/:id" component={CampaignPage} />
        <Route path="/campaigns/:id/edit" component={EditCampaignPage} />
        <Route path="/campaigns/:id/coverage" component={CoveragePage} />
        <Route path="/campaigns/:id/needed" component={NeededPage} />
        <Route path="/campaigns/:id/host" component={HostCampaignEventPage} />
        <Route path="/co-host-invites/:id" component={CoHostInvitePage} />
        <Route component={NotFoundPage} />
      </Switch>
    </Layout>
  );
}
