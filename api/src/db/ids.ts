/** No row has this id: a lookup that must match nothing (an anonymous viewer's RSVP, a malformed node id). */
export const NO_ID = '00000000-0000-0000-0000-000000000000';
