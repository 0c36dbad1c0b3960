import { campaignSchema, EVENT_KIND_LABELS, EVENT_KINDS, type EventKind } from '@rallypoint/shared';
import { useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../generated/gql.ts';
import { FormWithSummary } from '../ui/ErrorSummary.tsx';
import { HintAndError, SelectField, TextAreaField, TextField } from '../ui/fields.tsx';
import { useForm } from '../ui/form.ts';
import { usePageTitle } from '../ui/hooks.ts';
import { useResultMutation } from '../ui/result.ts';
import { windowFromDays } from './campaigns.ts';
import { CAMPAIGN_SEAT_OPTIONS_QUERY, CREATE_CAMPAIGN_MUTATION } from './documents.ts';
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

interface Values {
  name: string;
  regionId: string;
  startsAt: string;
  endsAt: string;
  goals: Record<string, string>;
  kind: EventKind;
  title: string;
  durationMinutes: string;
  briefing: string;
}

const FIELDS: Record<string, string> = {
  name: 'campaign-name',
  regionId: 'campaign-region',
  startsAt: 'campaign-first-day',
  endsAt: 'campaign-last-day',
  seats: 'campaign-seats',
  kind: 'template-kind',
  title: 'template-title',
  durationMinutes: 'template-length',
  briefing: 'template-briefing',
};

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
    initial: (): Values => ({
      name: '',
      regionId: me.regions[0]?.id ?? '',
      startsAt: '',
      endsAt: '',
      goals: {},
      kind: 'CANVASS',
      title: 'Doorstep canvass',
      durationMinutes: '180',
      briefing: '',
    }),
    fields: FIELDS,
    validate: (v: Values) => {
      const window = windowFromDays(v.startsAt, v.endsAt);
      return campaignSchema.safeParse({
        name: v.name,
        regionId: v.regionId,
        startsAt: window.startsAt,
        endsAt: window.endsAt,
        seats: Object.entries(v.goals).map(([constituencyCode, goal]) => ({ constituencyCode, goal: goal === '' ? Number.NaN : Number(goal) })),
        templates: [{ kind: v.kind, title: v.title, durationMinutes: Number(v.durationMinutes), briefing: v.briefing }],
      });
    },
    submit: (input) => create({ input: { ...input, startsAt: input.startsAt.toISOString(), endsAt: input.endsAt.toISOString() } }),
    onSuccess: (campaign) => navigate(campaignPath(campaign.id), { state: { flash: `${campaign.name} is set up.` } }),
  });
  const [{ data: options, fetching }] = useQuery({
    query: CAMPAIGN_SEAT_OPTIONS_QUERY,
    variables: { regionId: form.values.regionId },
    pause: !form.values.regionId,
  });
  const seats = options?.campaignSeatOptions && 'data' in options.campaignSeatOptions ? options.campaignSeatOptions.data : [];
  const toggle = (code: string, on: boolean) => {
    const goals = { ...form.values.goals };
    if (on) goals[code] = goals[code] ?? '10';
    else delete goals[code];
    form.set({ goals }, ['seats']);
  };
  return (
    <FormWithSummary form={form} submit="Create campaign" sending="Creating…" label="New campaign" titleId="campaign-error-title">
      <TextField {...form.bind('name')} label="Name" hint="For example: Yorkshire weekend of action." autoComplete="off" />
      <SelectField {...form.bind('regionId')} onChange={(e) => form.set({ regionId: e.target.value, goals: {} }, ['regionId', 'seats'])} label="Region">
        {regions.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </SelectField>
      <div className="field-pair">
        <TextField {...form.bind('startsAt')} type="date" label="First day" />
        <TextField {...form.bind('endsAt')} type="date" label="Last day" />
      </div>
      <fieldset className={form.errors.seats ? 'field field-error' : 'field'} id={FIELDS.seats} tabIndex={-1}>
        <legend>Target seats and goals</legend>
        <HintAndError id={FIELDS.seats!} hint="The region's marginal and flagged seats. Goal: volunteer-shifts wanted in the seat." error={form.errors.seats} />
        {fetching && seats.length === 0 ? (
          <p role="status">Loading seats…</p>
        ) : (
          <ul className="seat-list">
            {seats.map((s) => {
              const chosen = s.code in form.values.goals;
              return (
                <li key={s.code} className="field-inline">
                  <label className="checkbox">
                    <input type="checkbox" checked={chosen} onChange={(e) => toggle(s.code, e.target.checked)} /> {s.name}
                    {s.isTarget ? ' (target)' : ` (${s.majorityPct.toFixed(1)}% majority)`}
                  </label>
                  {chosen && (
                    <label>
                      Goal for {s.name}{' '}
                      <input
                        className="input-short"
                        type="number"
                        min={1}
                        inputMode="numeric"
                        value={form.values.goals[s.code]}
                        onChange={(e) => form.set({ goals: { ...form.values.goals, [s.code]: e.target.value } }, ['seats'])}
                      />
                    </label>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </fieldset>
      <fieldset className="field">
        <legend>Event template</legend>
        <p className="hint">Members host events from it. The briefing is shown only to people going.</p>
        <SelectField {...form.bind('kind')} label="Kind">
          {EVENT_KINDS.filter((k) => k !== 'RALLY').map((k) => (
            <option key={k} value={k}>
              {EVENT_KIND_LABELS[k]}
            </option>
          ))}
        </SelectField>
        <TextField {...form.bind('title')} label="Template title" autoComplete="off" />
        <TextField {...form.bind('durationMinutes')} label="Default length (minutes)" inputMode="numeric" className="input-short" />
        <TextAreaField {...form.bind('briefing')} label="Briefing" rows={5} />
      </fieldset>
    </FormWithSummary>
  );
}
