import { EVENT_KIND_LABELS, fromLondonInputValue, toLondonInputValue } from '@rallypoint/shared';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from '../ui/router.tsx';
import { useQuery } from 'urql';
import { type ShiftRow, ShiftsFields, shiftInputs } from '../events/ShiftsFields.tsx';
import { FormWithSummary } from '../ui/ErrorSummary.tsx';
import { SelectField, TextAreaField, TextField } from '../ui/fields.tsx';
import { useForm } from '../ui/form.ts';
import { usePageTitle } from '../ui/hooks.ts';
import { useResultMutation } from '../ui/result.ts';
import { endAfter, formatWindow } from './campaigns.ts';
import { CAMPAIGN_QUERY, HOST_CAMPAIGN_EVENT_MUTATION } from './documents.ts';
import { campaignPath, eventPath, SignInFirst } from './OrganisePages.tsx';
import { useOrganiserViewer } from './organiser-viewer.ts';

interface Values {
  template: string;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  venueName: string;
  address: string;
  postcode: string;
  capacity: string;
  constituencyCode: string;
}

const FIELDS: Record<string, string> = {
  template: 'host-template',
  title: 'host-title',
  description: 'host-description',
  startsAt: 'host-starts',
  endsAt: 'host-ends',
  venueName: 'host-venue',
  address: 'host-address',
  postcode: 'host-postcode',
  capacity: 'host-capacity',
  constituencyCode: 'host-seat',
};

/** `/campaigns/:id/host`: a member hosts an event in the campaign from one of its templates. */
export function HostCampaignEventPage() {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const [{ data, fetching }] = useQuery({ query: CAMPAIGN_QUERY, variables: { id } });
  const { me, loading } = useOrganiserViewer();
  const campaign = data?.node?.__typename === 'Campaign' ? data.node : null;
  usePageTitle(campaign ? `Host an event: ${campaign.name}` : 'Host an event');
  if (!campaign || loading) return <div className="page">{fetching || loading ? <p role="status">Loading…</p> : <h1>Campaign not found</h1>}</div>;
  return (
    <div className="page page-narrow">
      <p>
        <Link to={campaignPath(campaign.id)}>Back to {campaign.name}</Link>
      </p>
      <h1>Host an event</h1>
      <p className="lead">
        For {campaign.name}: {campaign.region.name}, {formatWindow(campaign.startsAt, campaign.endsAt)}.
      </p>
      {!me ? <SignInFirst what="to host an event" /> : <HostForm campaign={campaign} initialTemplate={search.get('template') ?? campaign.templates[0]?.id ?? ''} />}
    </div>
  );
}

type Campaign = {
  id: string;
  startsAt: string;
  templates: readonly { id: string; kind: keyof typeof EVENT_KIND_LABELS; title: string; durationMinutes: number }[];
  seats: readonly { constituency: { code: string; name: string } }[];
};

function HostForm({ campaign, initialTemplate }: { campaign: Campaign; initialTemplate: string }) {
  const navigate = useNavigate();
  const [host] = useResultMutation(HOST_CAMPAIGN_EVENT_MUTATION);
  const [shifts, setShifts] = useState<ShiftRow[]>([]);
  const templateOf = (tid: string) => campaign.templates.find((t) => t.id === tid) ?? campaign.templates[0];
  const first = templateOf(initialTemplate);
  const start = new Date(Math.max(Date.parse(campaign.startsAt), Date.now() + 86_400_000));
  start.setUTCMinutes(0, 0, 0);
  const startValue = toLondonInputValue(start).replace(/T\d{2}:\d{2}$/, 'T10:00');
  const form = useForm({
    initial: (): Values => ({
      template: first?.id ?? '',
      title: first?.title ?? '',
      description: '',
      startsAt: startValue,
      endsAt: endAfter(startValue, first?.durationMinutes ?? 120),
      venueName: '',
      address: '',
      postcode: '',
      capacity: '',
      constituencyCode: '',
    }),
    fields: FIELDS,
    validate: (v: Values) => {
      const startsAt = fromLondonInputValue(v.startsAt);
      const endsAt = fromLondonInputValue(v.endsAt);
      const errors = [
        ...(!v.template ? [{ path: ['template'], message: 'Choose a template' }] : []),
        ...(!startsAt ? [{ path: ['startsAt'], message: 'Enter when it starts' }] : []),
        ...(!endsAt ? [{ path: ['endsAt'], message: 'Enter when it ends' }] : []),
        ...(shifts.length === 0 && v.capacity && !/^\d+$/.test(v.capacity) ? [{ path: ['capacity'], message: 'Capacity must be a whole number' }] : []),
      ];
      if (errors.length > 0) return { success: false as const, fieldErrors: errors };
      return {
        success: true as const,
        data: {
          templateId: v.template,
          input: {
            kind: templateOf(v.template)?.kind ?? 'CANVASS',
            title: v.title,
            description: v.description,
            startsAt: startsAt!.toISOString(),
            endsAt: endsAt!.toISOString(),
            venueName: v.venueName,
            address: v.address,
            postcode: v.postcode,
            // With shifts, places are per shift (the event's are their sum).
            capacity: v.capacity && shifts.length === 0 ? Number(v.capacity) : null,
            constituencyCode: v.constituencyCode || null,
            shifts: shiftInputs(shifts),
          },
        },
      };
    },
    submit: async (d) => {
      const out = await host({ ...d, publish: true });
      // The server names fields under input.*: the form's fields have the same names.
      return out.ok ? out : { ...out, fieldErrors: out.fieldErrors.map((e) => ({ ...e, path: e.path[0] === 'input' ? e.path.slice(1) : e.path })) };
    },
    onSuccess: (event) => {
      const flash =
        event.status === 'PUBLISHED'
          ? 'Your event is published.'
          : "Sent to the region's organisers: your event will be published once they approve it. We will e-mail you.";
      navigate(eventPath(event.id), { state: { flash } });
    },
  });
  const pickTemplate = (tid: string) => {
    const t = templateOf(tid);
    form.set({ template: tid, title: t?.title ?? form.values.title, endsAt: endAfter(form.values.startsAt, t?.durationMinutes ?? 120) });
  };
  return (
    <FormWithSummary form={form} submit="Submit event" sending="Submitting…" label="Host an event" titleId="host-error-title">
      <SelectField {...form.bind('template')} onChange={(e) => pickTemplate(e.target.value)} label="Template">
        {campaign.templates.map((t) => (
          <option key={t.id} value={t.id}>
            {t.title} ({EVENT_KIND_LABELS[t.kind]})
          </option>
        ))}
      </SelectField>
      <TextField {...form.bind('title')} label="Title" autoComplete="off" />
      <TextAreaField {...form.bind('description')} label="Description" optional rows={4} />
      <TextField
        {...form.bind('startsAt')}
        onChange={(e) => {
          const t = templateOf(form.values.template);
          form.set({ startsAt: e.target.value, endsAt: endAfter(e.target.value, t?.durationMinutes ?? 120) }, ['startsAt', 'endsAt']);
        }}
        type="datetime-local"
        label="Starts (UK time)"
        hint="Within the campaign's dates."
      />
      <TextField {...form.bind('endsAt')} type="datetime-local" label="Ends (UK time)" hint="Set from the template's length; change it if you need to." />
      <TextField {...form.bind('venueName')} label="Venue" autoComplete="off" />
      <TextField {...form.bind('address')} label="Address" autoComplete="off" />
      <TextField {...form.bind('postcode')} label="Postcode" className="input-short" autoComplete="off" hint="In the campaign's region." />
      <SelectField {...form.bind('constituencyCode')} label="Target seat" optional>
        <option value="">None</option>
        {campaign.seats.map((s) => (
          <option key={s.constituency.code} value={s.constituency.code}>
            {s.constituency.name}
          </option>
        ))}
      </SelectField>
      {shifts.length === 0 && (
        <TextField {...form.bind('capacity')} label="Places" optional inputMode="numeric" className="input-short" hint="Everyone there, you included: you are going to your own event. Leave empty for no limit." />
      )}
      <ShiftsFields rows={shifts} onChange={setShifts} eventStartsAt={form.values.startsAt} eventEndsAt={form.values.endsAt} />
    </FormWithSummary>
  );
}
