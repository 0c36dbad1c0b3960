export const DEFAULT_MARGINAL_THRESHOLD_PCT = 5;

/** The Speaker stands as "the Speaker seeking re-election": the main parties do not contest the seat. */
export const SPEAKER_PARTY = 'Spk';

export interface SeatResult {
  winner: string;
  majorityPct: number;
}

export const isSpeakerSeat = (seat: SeatResult) => seat.winner === SPEAKER_PARTY;

/**
 * A seat worth campaigning in: its last majority is at or below the threshold (as a % of valid votes), or an
 * organiser has flagged it as a target. The Speaker's seat never is.
 */
export function isMarginal(seat: SeatResult, thresholdPct = DEFAULT_MARGINAL_THRESHOLD_PCT, flaggedTarget = false): boolean {
  if (isSpeakerSeat(seat)) return false;
  return flaggedTarget || seat.majorityPct <= thresholdPct;
}
