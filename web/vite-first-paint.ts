import type { Plugin } from 'vite';

/**
 * index.html's first paint (the bar and "Loading…", then the page) waits for nothing but the HTML:
 * - the app's own stylesheet (a few KB gzip) goes into the page instead of costing a render-blocking round trip
 *   (map styles and other lazily loaded CSS stay files);
 * - the app's scripts are fetched at low priority: they are modules, so they never held up that paint, and at high
 *   priority a slow connection (and Lighthouse's estimate of one) lets them go first.
 */
export function firstPaintHtml(): Plugin {
  return {
    name: 'rallypoint:first-paint-html',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        return html
          .replace(/<link rel="stylesheet"(?: crossorigin)? href="\/(assets\/[^"]+\.css)">/g, (tag, file: string) => {
            const asset = ctx.bundle?.[file];
            if (asset?.type !== 'asset') return tag;
            const css = String(asset.source);
            if (/<\/style/i.test(css)) throw new Error(`${file} cannot be inlined: it contains "</style"`);
            return `<style>${css}</style>`;
          })
          .replace(/<(script type="module"|link rel="modulepreload") crossorigin /g, '<$1 crossorigin fetchpriority="low" ');
      },
    },
  };
}
