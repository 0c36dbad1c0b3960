import { returnSeatsLeft } from '@rallypoint/shared';
import type { Context } from '../context.ts';
import { NO_ID } from '../db/ids.ts';
import { builder } from '../graphql/builder.ts';
import { LiftLegEnum } from './leg-schema.ts';
import type { ReturnLegSummary } from './match-back.ts';
import { LiftRequestRef, MatchEveryoneRef, proposalsOf, unmatchedOf } from './schema.ts';

// The lift back in the graph: each match's leg, the seats back left, Match everyone's lifts back, and the riders
// still needing one.

builder.prismaObjectFields('LiftMatch', (t) => ({
  leg: t.field({ type: LiftLegEnum, resolve: (m) => m.leg }),
}));

builder.prismaObjectFields('LiftOffer', (t) => ({
  returnSeatsLeft: t.int({
    nullable: true,
    description: 'Free seats on the lift back (counted apart from the way there); null when the driver offers none.',
    resolve: (o) => (o.returnTrip ? returnSeatsLeft(o) : null),
  }),
}));

builder.prismaObjectFields('Event', (t) => ({
  liftRequestsBack: t.relation('liftRequests', {
    description: 'Riders who asked for a lift back and have none agreed yet, with a place at the event (signed-in members only).',
    query: (_args, ctx: Context) => ({
      where: ctx.viewer
        ? { returnTrip: true, status: { in: ['OPEN' as const, 'MATCHED' as const] }, matches: { none: { leg: 'RETURN' as const, status: 'ACCEPTED' as const } } }
        : { id: NO_ID },
      orderBy: [{ createdAt: 'asc' as const }, { id: 'asc' as const }],
    }),
  }),
}));

const ReturnLegRef = builder.objectRef<ReturnLegSummary>('MatchEveryoneReturnLeg').implement({
  description: 'Match everyone on the way back: riders who asked for a lift back and cars with seats back.',
  fields: (t) => ({
    requests: t.int({ resolve: (s) => s.stats.requests }),
    cars: t.int({ description: 'Cars with seats back considered.', resolve: (s) => s.stats.drivers }),
    peopleRequested: t.int({ resolve: (s) => s.stats.peopleRequested }),
    peopleMatched: t.int({ resolve: (s) => s.stats.peopleMatched }),
    carsUsed: t.int({ resolve: (s) => s.stats.carsUsed }),
    totalDetourKm: t.float({ resolve: (s) => s.stats.totalDetourKm }),
    proposalsCreated: t.int({ resolve: (s) => s.created }),
    skippedDeclined: t.int({ resolve: (s) => s.skippedDeclined }),
    proposals: t.prismaField({ type: ['LiftMatch'], resolve: (query, s, _a, ctx) => proposalsOf(ctx, query, s) }),
    unmatched: t.prismaField({
      type: [LiftRequestRef],
      description: 'Riders still without a lift back, in the order they asked.',
      resolve: (query, s, _a, ctx) => unmatchedOf(ctx, query, s),
    }),
  }),
});

builder.objectFields(MatchEveryoneRef, (t) => ({
  returnLeg: t.field({ type: ReturnLegRef, description: 'The lifts back, planned after the way there and apart from it.', resolve: (s) => s.returnLeg }),
}));
