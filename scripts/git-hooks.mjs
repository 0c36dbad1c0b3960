// `pnpm install` sets up the Git hooks (lefthook.yml) in a Git checkout; elsewhere (a tarball, a Docker build) it does nothing.
import { execFileSync } from 'node:child_process';

try {
  execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { stdio: 'ignore' });
} catch {
  process.exit(0);
}
execFileSync('pnpm', ['exec', 'lefthook', 'install'], { stdio: 'inherit' });
