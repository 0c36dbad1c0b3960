import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin, Rollup } from 'vite';

const ROUTES = fileURLToPath(new URL('./src/routes.tsx', import.meta.url));
const SOURCES = fileURLToPath(new URL('./src/', import.meta.url));

/**
 * Each route path in src/routes.tsx (`<Route path="/near/:postcode" component={NearPage} />`), without its leading
 * slash, with the module its page comes from (`lazyPage(() => import('…'), 'Name')`).
 */
export function routeModules(source: string): { path: string; module: string }[] {
  const modules = new Map([...source.matchAll(/const (\w+) = lazyPage\(\(\) => import\('\.\/([^']+)'\)/g)].map((m) => [m[1]!, m[2]!]));
  return [...source.matchAll(/<Route path="\/([^"]*)" component=\{(\w+)\} \/>/g)].flatMap((m) => {
    const module = modules.get(m[2]!);
    return module ? [{ path: m[1]!, module }] : [];
  });
}

/**
 * Writes dist/route-preloads.json: for each lazily loaded page's route, the files it needs beyond what index.html
 * already loads. The production server adds them to the page as preloads, so a page's code downloads alongside the
 * app's instead of after it.
 */
export function routePreloads(): Plugin {
  return {
    name: 'rallypoint:route-preloads',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c): c is Rollup.OutputChunk => c.type === 'chunk');
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const closure = (start: string[]) => {
        const seen = new Set<string>();
        const visit = (name: string) => {
          if (seen.has(name)) return;
          seen.add(name);
          for (const i of byName.get(name)?.imports ?? []) visit(i);
        };
        for (const name of start) visit(name);
        return seen;
      };
      const first = closure(chunks.filter((c) => c.isEntry).map((c) => c.fileName));
      const routes = routeModules(readFileSync(ROUTES, 'utf8')).map(({ path, module }) => {
        const page = chunks.find((c) => c.facadeModuleId === `${SOURCES}${module}`);
        if (!page) this.error(`route ${path}: no chunk for src/${module}`);
        const scripts = [...closure([page.fileName])].filter((name) => !first.has(name));
        const styles = scripts.flatMap((name) => [...(byName.get(name)?.viteMetadata?.importedCss ?? [])]);
        return { path, scripts, styles };
      });
      if (routes.length < 10) this.error(`only ${routes.length} routes found in src/routes.tsx: has its shape changed?`);
      this.emitFile({ type: 'asset', fileName: 'route-preloads.json', source: `${JSON.stringify(routes, null, 2)}\n` });
    },
  };
}
