import { campaignUpdateSchema, toLondonInputValue } from '@rallypoint/shared';
import { Link, useNavigate, useParams } from '../ui/router.tsx';
import { useQuery } from 'urql';
import { FormWithSummary } from '../ui/ErrorSummary.tsx';
import { useForm } from '../ui/form.ts';
import { usePageTitle } from '../ui/hooks.ts';
import { useResultMutation } from '../ui/result.ts';
import { CAMPAIGN_FIELDS, CampaignFields, type CampaignValues, campaignData, namingTemplates } from './CampaignFields.tsx';
import { CAMPAIGN_QUERY } from './documents.ts';
import { UPDATE_CAMPAIGN_MUTATION } from './edit-documents.ts';
import { campaignPath } from './OrganisePages.tsx';

type Campaign = Extract<NonNullable<NonNullable<ReturnType<typeof useCampaign>>>, { __typename: 'Campaign' }>;

function useCampaign(id: string) {
  const [{ data, fetching }] = useQuery({ query: CAMPAIGN_QUERY, variables: { id } });
  return fetching && !data ? undefined : data?.node?.__typename === 'Campaign' ? data.node : null;
}

/** `/campaigns/:id/edit`: the region's organisers (and admins) change a campaign with the form it was made with. */
export function EditCampaignPage() {
  const { id = '' } = useParams();
  const campaign = useCampaign(id);
  usePageTitle(campaign ? `Edit ${campaign.name}` : 'Edit campaign');
  if (campaign === undefined) return <p className="page" role="status">Loading…</p>;
  return (
    <div className="page page-narrow">
      <h1>Edit campaign</h1>
      {!campaign ? (
        <p>Campaign not found.</p>
      ) : !campaign.viewerCanManage ? (
        <p className="banner banner-refused">Only organisers for {campaign.region.name} can edit this campaign.</p>
      ) : (
        <EditForm campaign={campaign} />
      )}
    </div>
  );
}

const day = (iso: string, offsetMs = 0) => toLondonInputValue(new Date(Date.parse(iso) + offsetMs)).slice(0, 10);

function EditForm({ campaign }: { campaign: Campaign }) {
  const navigate = useNavigate();
  const [update] = useResultMutation(UPDATE_CAMPAIGN_MUTATION);
  const form = useForm({
    initial: (): CampaignValues => ({
      name: campaign.name,
      regionId: campaign.region.id,
      startsAt: day(campaign.startsAt),
      // The window ends at the midnight after its last day.
      endsAt: day(campaign.endsAt, -1),
      goals: Object.fromEntries(campaign.seats.map((s) => [s.constituency.code, String(s.goal)])),
      templates: campaign.templates.map((t) => ({ id: t.id, kind: t.kind, title: t.title, durationMinutes: String(t.durationMinutes), briefing: t.briefing ?? '' })),
    }),
    fields: CAMPAIGN_FIELDS,
    validate: (v: CampaignValues) => namingTemplates(campaignUpdateSchema.safeParse(campaignData(v))),
    submit: (input) =>
      update({
        id: campaign.id,
        input: {
          name: input.name,
          startsAt: input.startsAt.toISOString(),
          endsAt: input.endsAt.toISOString(),
          seats: input.seats,
          templates: input.templates.map((t) => ({ id: t.id ?? null, kind: t.kind, title: t.title, durationMinutes: t.durationMinutes, briefing: t.briefing })),
        },
      }),
    onSuccess: (saved) => navigate(campaignPath(saved.id), { state: { flash: `${saved.name} is saved.` } }),
  });
  return (
    <>
      <p>
        <Link to={campaignPath(campaign.id)}>Back to {campaign.name}</Link>
      </p>
      <FormWithSummary form={form} submit="Save campaign" sending="Saving…" label="Edit campaign" titleId="campaign-error-title">
        <p className="hint">Region: {campaign.region.name} (a campaign stays in its region).</p>
        <CampaignFields form={form} />
      </FormWithSummary>
    </>
  );
}
