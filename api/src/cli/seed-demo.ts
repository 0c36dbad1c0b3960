// `pnpm seed:demo`: the demo users, events and lifts, into a database that has no accounts yet (never production).
import { refuseDemoInProduction, seedDemoData } from '../demo.ts';
import { argsOrExit, configOrExit, runCommand } from './command.ts';

argsOrExit({}, 'Usage: pnpm seed:demo');
refuseDemoInProduction();
await runCommand(configOrExit(), async (prisma) => {
  if (!(await seedDemoData(prisma))) console.log('The database already has accounts: no demo data added.');
});
