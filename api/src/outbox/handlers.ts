import { liveHandlers } from '../live/publish.ts';
import type { Live } from '../live/pubsub.ts';
import type { OutboxHandlers } from './publisher.ts';

/** Live numbers go to subscribers. (E-mails are jobs, added in the change's own transaction: see jobs/queue.ts.) */
export function outboxHandlers(live: Live): OutboxHandlers {
  return liveHandlers(live);
}
