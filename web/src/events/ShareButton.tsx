import { useState } from 'react';

/**
 * Shares the event's link: the phone's share sheet where there is one (Web Share API), else the link is copied.
 * The confirmation is announced (aria-live) as well as shown.
 */
export function ShareButton({ eventId, title }: { eventId: string; title: string }) {
  const [message, setMessage] = useState('');
  const url = `${window.location.origin}/events/${encodeURIComponent(eventId)}`;

  const share = async () => {
    setMessage('');
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title, text: title, url });
        return;
      } catch (error) {
        // Closing the share sheet is not a failure; anything else falls back to copying.
        if (error instanceof DOMException && error.name === 'AbortError') return;
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      setMessage('Link copied. Paste it anywhere to invite people.');
    } catch {
      setMessage(`Copy this link to share the event: ${url}`);
    }
  };

  return (
    <div className="share">
      <button type="button" className="button button-secondary" onClick={share}>
        Share event
      </button>
      <p className="share-status" role="status" aria-live="polite">
        {message}
      </p>
    </div>
  );
}
