import { eventHubSchema, LIMITS } from '@rallypoint/shared';
import { useState } from 'react';
import { FormWithSummary } from '../../ui/ErrorSummary.tsx';
import { TextField } from '../../ui/fields.tsx';
import { useForm } from '../../ui/form.ts';
import { useResultMutation } from '../../ui/result.ts';
import { domId } from '../lifts.ts';
import { ADD_EVENT_HUB_MUTATION, type EventHub, REMOVE_EVENT_HUB_MUTATION } from './documents.ts';
import { hubFormToInput } from './organiser-lifts.ts';

const HUB_FIELD_IDS = { name: 'hub-name', postcode: 'hub-postcode' };

/** Organisers' pickup hubs: public places (stations, car parks) riders can get to and coaches stop at. */
export function HubsPanel({ eventId, hubs }: { eventId: string; hubs: readonly EventHub[] }) {
  const [addHub] = useResultMutation(ADD_EVENT_HUB_MUTATION);
  const [removeHub] = useResultMutation(REMOVE_EVENT_HUB_MUTATION);
  const [status, setStatus] = useState('');
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const full = hubs.length >= LIMITS.hubsMax;
  const form = useForm({
    initial: { name: '', postcode: '' },
    fields: HUB_FIELD_IDS,
    validate: (values) => eventHubSchema.safeParse(hubFormToInput(values)),
    submit: (input) => addHub({ eventId, input: { name: input.name, postcode: input.postcode ?? null } }),
    onSuccess: (_data, actions) => {
      setStatus(`Added ${form.values.name.trim()}.`);
      actions.set({ name: '', postcode: '' });
    },
  });

  const remove = async (hub: EventHub) => {
    setRemoving(hub.id);
    setRemoveError(null);
    const out = await removeHub({ id: hub.id });
    setRemoving(null);
    if (out.ok) setStatus(`Removed ${hub.name}.`);
    else setRemoveError(`Could not remove ${hub.name}: ${out.message}`);
  };

  return (
    <section className="hubs-panel" aria-labelledby="hubs-heading">
      <h2 id="hubs-heading">Pickup hubs</h2>
      <p>
        Public places riders can get to and coaches stop at: stations, car parks, a town square. Everyone who can see the
        event sees where they are. At most {LIMITS.hubsMax}.
      </p>
      {hubs.length === 0 ? (
        <p>No hubs yet.</p>
      ) : (
        <ul className="hub-list" aria-labelledby="hubs-heading" data-testid="hub-list">
          {hubs.map((hub) => (
            <li key={hub.id} id={domId('hub', hub.id)}>
              <strong>{hub.name}</strong> ({hub.postcode ?? hub.area}){' '}
              <button
                type="button"
                className="button button-secondary button-small"
                aria-label={`Remove ${hub.name}`}
                disabled={removing !== null}
                onClick={() => remove(hub)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {removeError && (
        <p className="error-message" role="alert">
          {removeError}
        </p>
      )}
      <p role="status">{status}</p>
      {full ? (
        <p>This event has {LIMITS.hubsMax} hubs, the most it can have: remove one to add another.</p>
      ) : (
        <FormWithSummary form={form} submit="Add hub" sending="Adding…" label="Add a pickup hub" titleId="hub-errors-title">
          <TextField label="Hub name" hint="Like “Leeds station, main entrance”." maxLength={LIMITS.hubNameMax + 20} {...form.bind('name')} />
          <TextField
            label="Postcode"
            hint="The hub is placed at the centre of its postcode district."
            autoCapitalize="characters"
            className="input-short"
            {...form.bind('postcode')}
          />
        </FormWithSummary>
      )}
    </section>
  );
}
