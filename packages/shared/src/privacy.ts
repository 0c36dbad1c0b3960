import { type AddressVisibility, isBooked, type RsvpStatus } from './enums.ts';

/**
 * Who may see an event's exact address: everyone when it is public; otherwise only the people running it and
 * members with a live RSVP (going or waitlisted).
 */
export function canSeeExactAddress(args: {
  addressVisibility: AddressVisibility;
  viewerManagesEvent: boolean;
  viewerRsvpStatus: RsvpStatus | null | undefined;
}): boolean {
  if (args.addressVisibility === 'PUBLIC' || args.viewerManagesEvent) return true;
  return isBooked(args.viewerRsvpStatus);
}
