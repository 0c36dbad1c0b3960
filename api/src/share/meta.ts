import { SITE_NAME } from './site.ts';
import { type EventCard, eventPath } from './event-card.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const shorten = (s: string, max: number) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
};

interface Head {
  title: string;
  description: string;
  url: string;
  type: string;
  image: string | null;
}

function tags(h: Head): string {
  const meta = (attr: 'name' | 'property', key: string, value: string) => `<meta ${attr}="${key}" content="${escapeHtml(value)}" />`;
  return [
    `<title>${escapeHtml(h.title)}</title>`,
    meta('name', 'description', h.description),
    `<link rel="canonical" href="${escapeHtml(h.url)}" />`,
    meta('property', 'og:site_name', SITE_NAME),
    meta('property', 'og:title', h.title),
    meta('property', 'og:description', h.description),
    meta('property', 'og:url', h.url),
    meta('property', 'og:type', h.type),
    ...(h.image
      ? [
          meta('property', 'og:image', h.image),
          meta('property', 'og:image:width', '1200'),
          meta('property', 'og:image:height', '630'),
          meta('property', 'og:image:alt', h.title),
        ]
      : []),
    meta('name', 'twitter:card', h.image ? 'summary_large_image' : 'summary'),
    meta('name', 'twitter:title', h.title),
    meta('name', 'twitter:description', h.description),
    ...(h.image ? [meta('name', 'twitter:image', h.image)] : []),
  ].join('\n    ');
}

/** The head of an event's page: what it is, when and where (never a hidden address), with its preview image. */
export function eventHead(card: EventCard, publicUrl: string): string {
  const url = `${publicUrl}${eventPath(card.globalId)}`;
  return tags({
    title: `${card.title} · ${SITE_NAME}`,
    description: shorten(`${card.when} · ${card.where}. ${card.description}`, 300),
    url,
    type: 'article',
    image: `${url}/preview.png?v=${card.updatedAt.getTime()}`,
  });
}

/** index.html with its own title, description and link-preview tags replaced by `head`; the rest untouched. */
export function withHead(index: string, head: string): string {
  const stripped = index
    .replace(/<title>[\s\S]*?<\/title>\s*/i, '')
    .replace(/<meta\s+name="description"[^>]*>\s*/i, '')
    .replace(/<meta\s+(?:property="og:|name="twitter:)[^>]*>\s*/gi, '')
    .replace(/<!-- Link previews;[^>]*-->\s*/, '');
  // A function, so `$` in the head is never read as a replacement pattern.
  return stripped.replace(/<\/head>/i, () => `  ${head}\n  </head>`);
}
