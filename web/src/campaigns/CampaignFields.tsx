import { EVENT_KIND_LABELS, EVENT_KINDS, type EventKind, toFieldErrors } from '@rallypoint/shared';
import type { ReactNode } from 'react';
import { useQuery } from 'urql';
import { HintAndError, SelectField, TextAreaField, TextField } from '../ui/fields.tsx';
import type { Checked, SafeParse } from '../ui/form.ts';
import type { FieldErrorMap } from '../ui/errors.ts';
import { windowFromDays } from './campaigns.ts';
import { CAMPAIGN_SEAT_OPTIONS_QUERY } from './documents.ts';

/** One template as the form holds it: `id` for one the campaign has already. */
export interface TemplateValues {
  id?: string;
  kind: EventKind;
  title: string;
  durationMinutes: string;
  briefing: string;
}

/** What the new and the edit campaign forms hold. */
export interface CampaignValues {
  name: string;
  regionId: string;
  startsAt: string;
  endsAt: string;
  goals: Record<string, string>;
  templates: TemplateValues[];
}

export const CAMPAIGN_FIELDS: Record<string, string> = {
  name: 'campaign-name',
  regionId: 'campaign-region',
  startsAt: 'campaign-first-day',
  endsAt: 'campaign-last-day',
  seats: 'campaign-seats',
  templates: 'campaign-templates',
};

export const newTemplate = (): TemplateValues => ({ kind: 'CANVASS', title: 'Doorstep canvass', durationMinutes: '180', briefing: '' });

/** The values as the shared schema takes them (dates are UK days, both included). */
export function campaignData(v: CampaignValues) {
  const window = windowFromDays(v.startsAt, v.endsAt);
  return {
    name: v.name,
    regionId: v.regionId,
    startsAt: window.startsAt,
    endsAt: window.endsAt,
    seats: Object.entries(v.goals).map(([constituencyCode, goal]) => ({ constituencyCode, goal: goal === '' ? Number.NaN : Number(goal) })),
    templates: v.templates.map((t) => ({ ...(t.id ? { id: t.id } : {}), kind: t.kind, title: t.title, durationMinutes: Number(t.durationMinutes), briefing: t.briefing })),
  };
}

/** A schema check whose template errors say which template ("Template 2: …"). */
export function namingTemplates<T>(result: SafeParse<T>): Checked<T> {
  if (result.success) return result;
  return {
    success: false,
    fieldErrors: toFieldErrors(result.error).map((e) =>
      e.path[0] === 'templates' && e.path[1] !== undefined ? { ...e, message: `Template ${Number(e.path[1]) + 1}: ${e.message}` } : e,
    ),
  };
}

interface CampaignFieldsProps {
  form: {
    values: CampaignValues;
    errors: FieldErrorMap;
    set: (patch: Partial<CampaignValues>, clear?: readonly string[]) => void;
    bind: (field: 'name' | 'startsAt' | 'endsAt') => { id: string; value: string; error: string | undefined; onChange: (e: { target: { value: string } }) => void };
  };
  /** The region chooser (new campaigns only: a campaign stays in its region). */
  region?: ReactNode;
}

/** The fields of a campaign, shared by the new and the edit page: name, days, seats with goals, templates. */
export function CampaignFields({ form, region }: CampaignFieldsProps) {
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
  const templates = form.values.templates;
  const setTemplate = (i: number, patch: Partial<TemplateValues>) =>
    form.set({ templates: templates.map((t, j) => (j === i ? { ...t, ...patch } : t)) }, ['templates']);
  const several = templates.length > 1;
  return (
    <>
      <TextField {...form.bind('name')} label="Name" hint="For example: Yorkshire weekend of action." autoComplete="off" />
      {region}
      <div className="field-pair">
        <TextField {...form.bind('startsAt')} type="date" label="First day" />
        <TextField {...form.bind('endsAt')} type="date" label="Last day" />
      </div>
      <fieldset className={form.errors.seats ? 'field field-error' : 'field'} id={CAMPAIGN_FIELDS.seats} tabIndex={-1}>
        <legend>Target seats and goals</legend>
        <HintAndError id={CAMPAIGN_FIELDS.seats!} hint="The region's marginal and flagged seats. Goal: volunteer-shifts wanted in the seat." error={form.errors.seats} />
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
      <fieldset className={form.errors.templates ? 'field field-error' : 'field'} id={CAMPAIGN_FIELDS.templates} tabIndex={-1}>
        <legend>Event templates</legend>
        <HintAndError
          id={CAMPAIGN_FIELDS.templates!}
          hint="Members host events from them. The briefing is shown only to people going. Events already made from a template you remove keep it."
          error={form.errors.templates}
        />
        {templates.map((t, i) => {
          const id = (field: string) => `template-${i}-${field}`;
          return (
            <fieldset key={t.id ?? `new-${i}`} className="field">
              <legend>{several ? `Template ${i + 1}` : 'Template'}</legend>
              <SelectField id={id('kind')} value={t.kind} onChange={(e) => setTemplate(i, { kind: e.target.value as EventKind })} label="Kind">
                {EVENT_KINDS.filter((k) => k !== 'RALLY').map((k) => (
                  <option key={k} value={k}>
                    {EVENT_KIND_LABELS[k]}
                  </option>
                ))}
              </SelectField>
              <TextField id={id('title')} value={t.title} onChange={(e) => setTemplate(i, { title: e.target.value })} label="Template title" autoComplete="off" />
              <TextField
                id={id('length')}
                value={t.durationMinutes}
                onChange={(e) => setTemplate(i, { durationMinutes: e.target.value })}
                label="Default length (minutes)"
                inputMode="numeric"
                className="input-short"
              />
              <TextAreaField id={id('briefing')} value={t.briefing} onChange={(e) => setTemplate(i, { briefing: e.target.value })} label="Briefing" rows={5} />
              {several && (
                <button
                  type="button"
                  className="button button-secondary button-small"
                  onClick={() => form.set({ templates: templates.filter((_, j) => j !== i) }, ['templates'])}
                >
                  Remove template {i + 1}
                </button>
              )}
            </fieldset>
          );
        })}
        <button type="button" className="button button-secondary button-small" onClick={() => form.set({ templates: [...templates, newTemplate()] }, ['templates'])}>
          Add a template
        </button>
      </fieldset>
    </>
  );
}
