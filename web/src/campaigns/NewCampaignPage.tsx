import { campaignSchema } from '@rallypoint/shared';
import { useNavigate } from '../ui/router.tsx';
import { useQuery } from 'urql';
import { graphql } from '../generated/gql.ts';
import { FormWithSummary } from '../ui/ErrorSummary.tsx';
import { SelectField } from '../ui/fields.tsx';
import { useForm } from '../ui/form.ts';
import { usePageTitle } from '../ui/hooks.ts';
import { useResultMutation } from '../ui/result.ts';
import { CAMPAIGN_FIELDS, CampaignFields, type CampaignValues, campaignData, namingTemplates, newTemplate } from './CampaignFields.tsx';
import { CREATE_CAMPAIGN_MUTATION } from './documents.ts';
import { campaignPath, SignInFirst } from './OrganisePages.tsx';
import { isOrganiser, type OrganiserViewer, useOrganiserViewer } from './organiser-viewer.ts';

const ALL_REGIONS_QUERY = graphql(`
  query AllRegions {
    regions {
      id
      name
    }
  }
`);

/** `/campaigns/new`: a regional organiser (or an admin) sets up a campaign. */
export function NewCampaignPage() {
  usePageTitle('New campaign');
  const { me, loading } = useOrganiserViewer();
  if (loading) return <p className="page">Loading…</p>;
  return (
    <div className="page page-narrow">
      <h1>New campaign</h1>
      {!me ? (
        <SignInFirst what="as an organiser to create a campaign" />
      ) : !isOrganiser(me) ? (
        <p className="banner banner-refused">Only regional organisers can create campaigns.</p>
      ) : (
        <CampaignForm me={me} />
      )}
    </div>
  );
}

function CampaignForm({ me }: { me: OrganiserViewer }) {
  const navigate = useNavigate();
  const [{ data: all }] = useQuery({ query: ALL_REGIONS_QUERY, pause: me.role !== 'ADMIN' });
  const regions = me.role === 'ADMIN' ? (all?.regions ?? []) : me.regions;
  const [create] = useResultMutation(CREATE_CAMPAIGN_MUTATION);
  const form = useForm({
    initial: (): CampaignValues => ({ name: '', regionId: me.regions[0]?.id ?? '', startsAt: '', endsAt: '', goals: {}, templates: [newTemplate()] }),
    fields: CAMPAIGN_FIELDS,
    validate: (v: CampaignValues) => namingTemplates(campaignSchema.safeParse(campaignData(v))),
    submit: (input) => create({ input: { ...input, startsAt: input.startsAt.toISOString(), endsAt: input.endsAt.toISOString() } }),
    onSuccess: (campaign) => navigate(campaignPath(campaign.id), { state: { flash: `${campaign.name} is set up.` } }),
  });
  return (
    <FormWithSummary form={form} submit="Create campaign" sending="Creating…" label="New campaign" titleId="campaign-error-title">
      <CampaignFields
        form={form}
        region={
          <SelectField {...form.bind('regionId')} onChange={(e) => form.set({ regionId: e.target.value, goals: {} }, ['regionId', 'seats'])} label="Region">
            {regions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </SelectField>
        }
      />
    </FormWithSummary>
  );
}
