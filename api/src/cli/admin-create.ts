// `pnpm admin:create --email <address>`: the first administrator, or an existing account made one.
import { emailSchema, signUpSchema } from '@rallypoint/shared';
import { read } from 'read';
import { hashPassword } from '../accounts/password.ts';
import { newCalendarToken } from '../accounts/service.ts';
import { argsOrExit, CommandError, configOrExit, runCommand } from './command.ts';

const USAGE = `Usage: pnpm admin:create --email <address> [--first-name <name>] [--last-name <name>]

Creates an administrator account, or makes the account with that address an administrator. The password is
asked for on a terminal (not echoed), or read from the ADMIN_PASSWORD environment variable; an existing account
keeps its password unless one is given.`;

const args = argsOrExit(
  { email: { type: 'string' }, 'first-name': { type: 'string' }, 'last-name': { type: 'string' }, help: { type: 'boolean' } },
  USAGE,
);
if (args.help || !args.email) {
  console.error(USAGE);
  process.exit(args.help ? 0 : 1);
}
const email = emailSchema.safeParse(args.email);
if (!email.success) {
  console.error(`--email: ${email.error.issues[0]?.message}`);
  process.exit(1);
}
const config = configOrExit();

async function askPassword(existing: boolean): Promise<string | null> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  if (!process.stdin.isTTY) {
    if (existing) return null;
    throw new CommandError('A new account needs a password: run this on a terminal, or set ADMIN_PASSWORD.');
  }
  const ask = (prompt: string) => read({ prompt, silent: true, replace: '', output: process.stderr });
  const first = await ask(existing ? 'New password (empty keeps the current one): ' : 'Password: ');
  if (existing && first === '') return null;
  if ((await ask('Again: ')) !== first) throw new CommandError('The passwords differ; nothing changed.');
  return first;
}

// The shared sign-up rules for what is given; messages name the field, never the value.
const rules = signUpSchema.pick({ password: true, firstName: true, lastName: true }).partial();
function checked(input: { password?: string; firstName?: string; lastName?: string }) {
  const result = rules.safeParse(input);
  if (result.success) return result.data;
  throw new CommandError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
}

await runCommand(config, async (prisma) => {
  const user = await prisma.user.findUnique({ where: { email: email.data } });
  const password = await askPassword(user !== null);
  const given = checked({
    ...(password !== null ? { password } : {}),
    ...(args['first-name'] !== undefined ? { firstName: args['first-name'] } : {}),
    ...(args['last-name'] !== undefined ? { lastName: args['last-name'] } : {}),
  });
  const passwordHash = given.password === undefined ? undefined : await hashPassword(given.password);
  if (!user) {
    await prisma.user.create({
      data: {
        email: email.data,
        passwordHash: passwordHash!,
        firstName: given.firstName ?? 'Rallypoint',
        lastName: given.lastName ?? 'Admin',
        role: 'ADMIN',
        calendarToken: newCalendarToken(),
        // The operator vouches for the address.
        emailVerifiedAt: new Date(),
      },
    });
    console.log(`Created administrator ${email.data}.`);
    return;
  }
  await prisma.$transaction([
    prisma.user.update({
      where: { id: user.id },
      // The operator vouches for the address (an unconfirmed account is confirmed, as a new one would be).
      data: { role: 'ADMIN', passwordHash, firstName: given.firstName, lastName: given.lastName, emailVerifiedAt: user.emailVerifiedAt ?? new Date() },
    }),
    // A new password signs the account out everywhere.
    ...(passwordHash ? [prisma.session.deleteMany({ where: { userId: user.id } })] : []),
  ]);
  console.log(`${user.email} is now an administrator${passwordHash ? ', with the new password' : ''}.`);
});
