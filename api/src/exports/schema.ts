import type { Context } from '../context.ts';
import { change } from '../db/change.ts';
import { AuthenticationError, ForbiddenError } from '../errors.ts';
import { builder } from '../graphql/builder.ts';
import { idOf, WRITE_ERRORS } from '../graphql/common.ts';
import { exportCampaignPeople, exportEventPeople, type PeopleExport } from './service.ts';

const PeopleExportRef = builder.objectRef<PeopleExport>('PeopleExport').implement({
  description: 'People as CSV (UTF-8, header row; cells that a spreadsheet would run as a formula start with a quote).',
  fields: (t) => ({
    filename: t.exposeString('filename'),
    csv: t.exposeString('csv'),
    rowCount: t.exposeInt('rowCount', { description: 'Rows below the header.' }),
  }),
});

const ExportScopeRef = builder.enumType('ExportScope', { values: ['EVENT', 'CAMPAIGN'] as const });

const ExportLogEntryRef = builder.prismaObject('ExportLog', {
  description: 'One export of people, as admins see it.',
  fields: (t) => ({
    id: t.exposeID('id'),
    at: t.expose('createdAt', { type: 'DateTime' }),
    byName: t.string({
      nullable: true,
      description: 'Who exported (full name); null once their account is closed.',
      select: { user: { select: { firstName: true, lastName: true, deletedAt: true } } },
      resolve: (l) => (l.user && !l.user.deletedAt ? `${l.user.firstName} ${l.user.lastName}` : null),
    }),
    byEmail: t.string({
      nullable: true,
      select: { user: { select: { email: true, deletedAt: true } } },
      resolve: (l) => (l.user && !l.user.deletedAt ? l.user.email : null),
    }),
    scope: t.field({ type: ExportScopeRef, resolve: (l) => l.scope as 'EVENT' | 'CAMPAIGN' }),
    label: t.exposeString('label', { description: "The event's title or the campaign's name at the time." }),
    rowCount: t.exposeInt('rowCount'),
  }),
});

builder.queryFields((t) => ({
  exportLog: t.prismaField({
    type: [ExportLogEntryRef],
    errors: { types: [AuthenticationError, ForbiddenError] },
    description: 'The latest exports of people, newest first: for admins only.',
    args: { first: t.arg.int({ defaultValue: 25, description: 'At most 40 (a longer page would exceed the query cost limit).' }) },
    resolve: async (query, _root, args, ctx: Context) => {
      if (!ctx.viewer) throw new AuthenticationError();
      if (ctx.viewer.role !== 'ADMIN') throw new ForbiddenError('Only admins can see the export log');
      const take = Math.min(Math.max(args.first ?? 25, 1), 40);
      return ctx.prisma.exportLog.findMany({ ...query, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take });
    },
  }),
}));

builder.mutationFields((t) => ({
  exportEventPeople: t.field({
    type: PeopleExportRef,
    errors: { types: WRITE_ERRORS },
    description: "An event's people as CSV (bookings, walk-ins, attendance): for the people running it. Each export is logged.",
    args: { eventId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => {
      const eventId = idOf(args.eventId, 'Event', 'That event');
      return change(ctx, 'exportEventPeople', (tx) => exportEventPeople(tx, ctx.viewer, eventId));
    },
  }),
  exportCampaignPeople: t.field({
    type: PeopleExportRef,
    errors: { types: WRITE_ERRORS },
    description: "The people of every event in a campaign as CSV: for its region's organisers and admins. Each export is logged.",
    args: { campaignId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => {
      const campaignId = idOf(args.campaignId, 'Campaign', 'That campaign');
      return change(ctx, 'exportCampaignPeople', (tx) => exportCampaignPeople(tx, ctx.viewer, campaignId));
    },
  }),
}));
