// Lengths and sizes the forms and the API agree on. Its own module, without zod: pages that only need a number
// (the search radius, say) do not load the validation schemas.
export const LIMITS = {
  titleMin: 3,
  titleMax: 120,
  descriptionMax: 5000,
  venueMax: 120,
  addressMax: 300,
  nameMax: 60,
  emailMax: 254,
  passwordMin: 10,
  passwordMax: 200,
  capacityMax: 100_000,
  guestsMax: 10,
  radiusKmMax: 200,
  pageSizeMax: 100,
  textQueryMax: 100,
  eventMaxDays: 7,
  joinUrlMax: 500,
  /** Pickup hubs one event may have. */
  hubsMax: 30,
  hubNameMax: 80,
  /** A hub must be within this of some postcode district's centre (on land, in the UK). */
  hubDistrictKmMax: 15,
  /** The farthest a rider may say they can get to a hub. */
  hubReachKmMax: 30,
  /** Seats in a car or a minibus; a coach takes up to `coachSeatsMax`. */
  carSeatsMax: 8,
  coachSeatsMax: 70,
} as const;
