// `pnpm user:role --email <address> --role MEMBER|ORGANISER|ADMIN [--region <id> ...]`: appoints organisers.
import { emailSchema, ROLES } from '@rallypoint/shared';
import { argsOrExit, CommandError, configOrExit, runCommand } from './command.ts';

const USAGE = `Usage: pnpm user:role --email <address> --role ${ROLES.join('|')} [--region <region id> ...]

Sets the role of an existing account. An organiser publishes rallies in the regions given with --region
(repeat it for several; e.g. london, yorkshire-and-the-humber), which replace the ones they had.`;

const args = argsOrExit(
  { email: { type: 'string' }, role: { type: 'string' }, region: { type: 'string', multiple: true }, help: { type: 'boolean' } },
  USAGE,
);
if (args.help || !args.email || !args.role) {
  console.error(USAGE);
  process.exit(args.help ? 0 : 1);
}
const email = emailSchema.safeParse(args.email);
const role = ROLES.find((r) => r === args.role?.toUpperCase());
const regions = [...new Set(args.region ?? [])];
const problems = [
  ...(email.success ? [] : [`--email: ${email.error.issues[0]?.message}`]),
  ...(role ? [] : [`--role must be one of ${ROLES.join(', ')}`]),
  ...(regions.length > 0 && role && role !== 'ORGANISER' ? ['--region is for organisers only (--role ORGANISER)'] : []),
];
if (problems.length > 0) {
  console.error(`${problems.join('\n')}\n\n${USAGE}`);
  process.exit(1);
}
const config = configOrExit();

await runCommand(config, async (prisma) => {
  const user = await prisma.user.findUnique({ where: { email: email.data }, include: { regions: true } });
  if (!user || user.deletedAt) {
    throw new CommandError(`No account has the address ${email.data}: they sign up first (or use pnpm admin:create).`);
  }
  const known = (await prisma.region.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((r) => r.id);
  const unknown = regions.filter((r) => !known.includes(r));
  if (unknown.length > 0) {
    throw new CommandError(`Unknown region ${unknown.join(', ')}. Region ids:\n  ${known.join('\n  ')}`);
  }
  const keep = role === 'ORGANISER' && regions.length === 0 ? user.regions.map((r) => r.regionId) : regions;
  if (role === 'ORGANISER' && keep.length === 0) {
    throw new CommandError(`An organiser needs at least one --region. Region ids:\n  ${known.join('\n  ')}`);
  }
  await prisma.$transaction([
    prisma.organiserRegion.deleteMany({ where: { userId: user.id } }),
    prisma.organiserRegion.createMany({ data: keep.map((regionId) => ({ userId: user.id, regionId })) }),
    prisma.user.update({ where: { id: user.id }, data: { role } }),
  ]);
  console.log(`${user.email} is now ${role}${role === 'ORGANISER' ? ` for ${keep.join(', ')}` : ''}.`);
});
