import { LIFT_LIMITS, pickupNoteSchema } from '@rallypoint/shared';
import { type ReactNode, useState } from 'react';
import { graphql } from '../generated/gql.ts';
import { TextAreaField } from '../ui/fields.tsx';
import { type Outcome, useResultMutation } from '../ui/result.ts';
import { domId } from './lifts.ts';

const ACCEPT_LIFT_MUTATION = graphql(`
  mutation AcceptLift($matchId: ID!, $pickupNote: String) {
    acceptLift(matchId: $matchId, pickupNote: $pickupNote) {
      ... on MutationAcceptLiftSuccess {
        data {
          ...LiftMatchResultFields
        }
      }
      ...ErrorFields
    }
  }
`);

/** Declines a proposal to me, withdraws mine, or calls off an agreed lift. */
const WITHDRAW_LIFT_MUTATION = graphql(`
  mutation WithdrawLift($matchId: ID!) {
    withdrawLift(matchId: $matchId) {
      ... on MutationWithdrawLiftSuccess {
        data {
          ...LiftMatchResultFields
        }
      }
      ...ErrorFields
    }
  }
`);

const SET_PICKUP_NOTE_MUTATION = graphql(`
  mutation SetPickupNote($matchId: ID!, $note: String) {
    setPickupNote(matchId: $matchId, note: $note) {
      ... on MutationSetPickupNoteSuccess {
        data {
          ...LiftMatchResultFields
        }
      }
      ...ErrorFields
    }
  }
`);

/** Called after a lift changed: a message to announce (the cache brings the lifts up to date). */
export type OnDone = (message: string) => void;

/** Runs one lift action at a time; remembers which item an error belongs to. */
export function useLiftAction(onDone: OnDone) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<{ key: string; message: string } | null>(null);
  const run = async (key: string, action: () => Promise<Outcome<unknown>>, success: string): Promise<boolean> => {
    setBusy(key);
    setError(null);
    const out = await action();
    setBusy(null);
    if (!out.ok) {
      setError({ key, message: out.fieldErrors[0]?.message ?? out.message });
      return false;
    }
    onDone(success);
    return true;
  };
  const errorFor = (key: string): ReactNode =>
    error?.key === key ? (
      <p className="error-message" role="alert">
        {error.message}
      </p>
    ) : null;
  return { busy, run, errorFor };
}

export type LiftAction = ReturnType<typeof useLiftAction>;

/** A pickup-note field: its text, its error, and `checked()` — the note to send, or undefined when it is invalid. */
function usePickupNote(initial: string) {
  const [note, setNote] = useState(initial);
  const [noteError, setNoteError] = useState<string | undefined>();
  const checked = (): string | null | undefined => {
    const parsed = pickupNoteSchema.safeParse(note);
    setNoteError(parsed.success ? undefined : parsed.error.issues[0]?.message);
    return parsed.success ? parsed.data || null : undefined;
  };
  return { note, setNote, noteError, checked };
}

function PickupNoteField({ id, label, hint, field }: { id: string; label: string; hint: string; field: ReturnType<typeof usePickupNote> }) {
  return (
    <TextAreaField
      id={id}
      label={label}
      optional
      rows={2}
      maxLength={LIFT_LIMITS.pickupNoteMax + 50}
      hint={hint}
      value={field.note}
      error={field.noteError}
      onChange={(e) => field.setNote(e.target.value)}
    />
  );
}

/** The question a destructive action asks first, with its confirm and cancel buttons. */
function ConfirmQuestion({
  question,
  confirmLabel,
  busy,
  onConfirm,
  onCancel,
}: {
  question: ReactNode;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <fieldset className="confirm">
      <legend>{question}</legend>
      <div className="button-row">
        <button type="button" className="button button-danger" onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          No, keep it
        </button>
      </div>
    </fieldset>
  );
}

/** Accept (with optional pickup details for the other side) or decline a proposal. */
export function AcceptDecline({ matchId, otherName, action }: { matchId: string; otherName: string; action: LiftAction }) {
  const pickupNote = usePickupNote('');
  const [accept] = useResultMutation(ACCEPT_LIFT_MUTATION);
  const [withdraw] = useResultMutation(WITHDRAW_LIFT_MUTATION);
  const id = domId('accept-note', matchId);

  const onAccept = () => {
    const note = pickupNote.checked();
    if (note === undefined) return;
    void action.run(
      matchId,
      () => accept({ matchId, pickupNote: note }),
      `Lift agreed: ${otherName} can now see your pickup details.`,
    );
  };
  const onDecline = () =>
    action.run(
      matchId,
      () => withdraw({ matchId }),
      `Declined: ${otherName} has been told.`,
    );

  return (
    <div className="lift-respond">
      <PickupNoteField
        id={id}
        label={`Pickup details for ${otherName}`}
        hint={`Only ${otherName} sees this, once you accept: where and when to meet, a phone number.`}
        field={pickupNote}
      />
      <div className="button-row">
        <button type="button" className="button" onClick={onAccept} disabled={action.busy !== null}>
          Accept<span className="visually-hidden"> the lift with {otherName}</span>
        </button>
        <button type="button" className="button button-secondary" onClick={onDecline} disabled={action.busy !== null}>
          Decline<span className="visually-hidden"> the lift with {otherName}</span>
        </button>
      </div>
      {action.errorFor(matchId)}
    </div>
  );
}

/** One lift action as a button, with its error below it. */
export function LiftActionButton({
  id,
  action,
  run,
  done,
  children,
}: {
  /** What the action's error belongs to. */
  id: string;
  action: LiftAction;
  run: () => Promise<Outcome<unknown>>;
  /** Announced once it worked. */
  done: string;
  children: ReactNode;
}) {
  return (
    <>
      <button type="button" className="button button-secondary" disabled={action.busy !== null} onClick={() => action.run(id, run, done)}>
        {children}
      </button>
      {action.errorFor(id)}
    </>
  );
}

/** A proposal I made: the other side has not answered yet. */
export function WithdrawButton({ matchId, otherName, action }: { matchId: string; otherName: string; action: LiftAction }) {
  const [withdraw] = useResultMutation(WITHDRAW_LIFT_MUTATION);
  return (
    <LiftActionButton id={matchId} action={action} run={() => withdraw({ matchId })} done="Proposal withdrawn.">
      Withdraw<span className="visually-hidden"> the proposal to {otherName}</span>
    </LiftActionButton>
  );
}

/** Lift items (matches or cars) in a list; nothing at all when there are none. */
export function LiftList<T extends { id: string }>({ items, label, children }: { items: readonly T[]; label: string; children: (item: T) => ReactNode }) {
  if (items.length === 0) return null;
  return (
    <ul className="lift-list" aria-label={label}>
      {items.map((item) => (
        <li key={item.id} className="lift-item">
          {children(item)}
        </li>
      ))}
    </ul>
  );
}

/** An agreed lift as one side sees it, with the other side's public name (their full name when the match gives it). */
interface AgreedMatch {
  id: string;
  otherSideFullName: string | null;
  pickupDetails: { driverNote: string | null; riderNote: string | null } | null;
}

/** Pickup details of an agreed lift: the other side's note, mine (editable), and a way to call it off. */
export function AgreedLift({
  match,
  otherName: publicName,
  side,
  action,
}: {
  match: AgreedMatch;
  otherName: string;
  /** Mine. */
  side: 'DRIVER' | 'RIDER';
  action: LiftAction;
}) {
  const matchId = match.id;
  const otherName = match.otherSideFullName ?? publicName;
  const notes = match.pickupDetails;
  const theirNote = (side === 'DRIVER' ? notes?.riderNote : notes?.driverNote) ?? null;
  const myNote = (side === 'DRIVER' ? notes?.driverNote : notes?.riderNote) ?? null;
  const pickupNote = usePickupNote(myNote ?? '');
  const [confirming, setConfirming] = useState(false);
  const [save] = useResultMutation(SET_PICKUP_NOTE_MUTATION);
  const [withdraw] = useResultMutation(WITHDRAW_LIFT_MUTATION);
  const id = domId('pickup-note', matchId);

  const onSave = () => {
    const checkedNote = pickupNote.checked();
    if (checkedNote === undefined) return;
    void action.run(
      `${matchId}-note`,
      () => save({ matchId, note: checkedNote }),
      `Pickup details saved. ${otherName} can see them.`,
    );
  };
  const onCallOff = async () => {
    const ok = await action.run(
      matchId,
      () => withdraw({ matchId }),
      `The lift with ${otherName} is off.`,
    );
    if (ok) setConfirming(false);
  };

  return (
    <div className="pickup">
      <dl className="pickup-details">
        <div>
          <dt>{otherName}'s pickup details</dt>
          <dd>{theirNote ?? <span className="hint">None yet.</span>}</dd>
        </div>
      </dl>
      <PickupNoteField
        id={id}
        label="Your pickup details"
        hint={`Only ${otherName} sees this: where and when to meet, a phone number.`}
        field={pickupNote}
      />
      <div className="button-row">
        <button type="button" className="button button-secondary" onClick={onSave} disabled={action.busy !== null}>
          Save pickup details
        </button>
        {!confirming && (
          <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
            Call off this lift
          </button>
        )}
      </div>
      {action.errorFor(`${matchId}-note`)}
      {confirming && (
        <ConfirmQuestion
          question={`Call off the lift with ${otherName}? They will be told.`}
          confirmLabel="Yes, call it off"
          busy={action.busy !== null}
          onConfirm={onCallOff}
          onCancel={() => setConfirming(false)}
        />
      )}
      {action.errorFor(matchId)}
    </div>
  );
}

/** A destructive button that asks first. */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  busy,
  onConfirm,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => Promise<boolean>;
}) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <div className="button-row">
        <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
          {label}
        </button>
      </div>
    );
  }
  return (
    <ConfirmQuestion
      question={question}
      confirmLabel={confirmLabel}
      busy={busy}
      onConfirm={async () => {
        if (await onConfirm()) setConfirming(false);
      }}
      onCancel={() => setConfirming(false)}
    />
  );
}

export function Checkbox({
  id,
  label,
  checked,
  onChange,
}: {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <div className="checkbox">
      <input id={id} name={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
