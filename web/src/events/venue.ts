/** Where an in-person event is, as the viewer may see it: the venue is null when its address is for attendees only. */
export const venueText = (e: { venueName?: string | null; areaLabel: string }) =>
  e.venueName ? `${e.venueName}, ${e.areaLabel}` : `${e.areaLabel} area`;
