import { plural } from '@rallypoint/shared';
import { useState } from 'react';
import { useResultMutation } from '../ui/result.ts';
import { EXPORT_CAMPAIGN_PEOPLE_MUTATION, EXPORT_EVENT_PEOPLE_MUTATION } from './documents.ts';

/** Saves `text` as a file the browser downloads. */
export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * "Download people (CSV)": everyone booked, the walk-ins and their attendance — of an event, for the people running
 * it, or of every event in a campaign, for its region's organisers.
 */
export function ExportPeopleButton(props: { eventId: string } | { campaignId: string }) {
  const [exportEvent, exportingEvent] = useResultMutation(EXPORT_EVENT_PEOPLE_MUTATION);
  const [exportCampaign, exportingCampaign] = useResultMutation(EXPORT_CAMPAIGN_PEOPLE_MUTATION);
  const fetching = exportingEvent || exportingCampaign;
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const onClick = async () => {
    setMessage(null);
    setProblem(null);
    const out = 'eventId' in props ? await exportEvent({ eventId: props.eventId }) : await exportCampaign({ campaignId: props.campaignId });
    if (!out.ok) {
      setProblem(out.message);
      return;
    }
    downloadText(out.data.filename, out.data.csv, 'text/csv;charset=utf-8');
    setMessage(`Downloaded ${out.data.filename} (${plural(out.data.rowCount, 'person', 'people')}).`);
  };
  return (
    <div className="export-people">
      <button type="button" className="button button-secondary" onClick={onClick} disabled={fetching}>
        Download people (CSV)
      </button>
      <p role="status">{message}</p>
      {problem && (
        <p className="error-message" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
