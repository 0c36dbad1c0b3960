import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Font } from 'satori';
import type { EventCard } from './event-card.ts';
import { SITE_NAME } from './site.ts';

export const WIDTH = 1200;
export const HEIGHT = 630;
/** Part of every ETag: bump it when the picture's design changes. */
const DESIGN = 1;
const BRAND = '#7a1f3d';

// Inter (SIL Open Font License) from @fontsource/inter; its package exports only CSS, so the files are found beside
// its LICENSE. Latin and Latin Extended cover the names and places people write here.
const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve('@fontsource/inter/LICENSE')), 'files');
let fonts: Promise<Font[]> | undefined;
const loadFonts = () =>
  (fonts ??= Promise.all(
    (['latin', 'latin-ext'] as const).flatMap((subset) =>
      ([400, 700] as const).map(async (weight) => ({
        // One name per subset: glyphs missing from the first are looked for in the next.
        name: subset === 'latin' ? 'Inter' : 'Inter Ext',
        weight,
        style: 'normal' as const,
        data: await readFile(path.join(fontDir, `inter-${subset}-${weight}-normal.woff`)),
      })),
    ),
  ));

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`);

function Card({ card }: { card: EventCard }) {
  return (
    <div style={{ width: WIDTH, height: HEIGHT, display: 'flex', flexDirection: 'column', background: '#fff', fontFamily: 'Inter, Inter Ext' }}>
      <div style={{ display: 'flex', alignItems: 'center', background: BRAND, color: '#fff', height: 110, padding: '0 64px', fontSize: 44, fontWeight: 700 }}>
        <div style={{ width: 44, height: 44, borderRadius: '50%', background: BRAND, border: '10px solid #fff', marginRight: 22 }} />
        {SITE_NAME}
      </div>
      <div style={{ display: 'flex', flexDirection: 'column', flexGrow: 1, padding: '56px 64px', justifyContent: 'space-between' }}>
        <div style={{ display: 'flex', fontSize: card.title.length > 60 ? 56 : 68, fontWeight: 700, color: '#1d1f22', lineHeight: 1.15 }}>
          {clip(card.title, 110)}
        </div>
        <div style={{ display: 'flex', flexDirection: 'column', fontSize: 36, color: '#4f5358' }}>
          <div style={{ display: 'flex', color: BRAND, fontWeight: 700 }}>{card.when}</div>
          <div style={{ display: 'flex', marginTop: 10 }}>{clip(card.where, 70)}</div>
        </div>
      </div>
    </div>
  );
}

/** Changes whenever what the picture shows does (the date text includes the year only outside this year). */
export function previewEtag(card: EventCard): string {
  const hash = createHash('sha256').update(JSON.stringify([DESIGN, card.title, card.when, card.where])).digest('base64url');
  return `"${hash.slice(0, 27)}"`;
}

// Rendering takes tens of milliseconds: the last few pictures are kept, by ETag.
const rendered = new Map<string, Buffer>();
const KEEP = 200;

/** The 1200×630 PNG a link preview shows: the event's title, date and area, and the site's name. */
export async function previewPng(card: EventCard): Promise<{ png: Buffer; etag: string }> {
  const etag = previewEtag(card);
  const kept = rendered.get(etag);
  if (kept) return { png: kept, etag };
  // Loaded on the first picture asked for: satori and resvg take seconds to import, which every start would pay.
  const [{ default: satori }, { renderAsync }] = await Promise.all([import('satori'), import('@resvg/resvg-js')]);
  const svg = await satori(<Card card={card} />, { width: WIDTH, height: HEIGHT, fonts: await loadFonts() });
  const png = (await renderAsync(svg, { fitTo: { mode: 'original' } })).asPng();
  if (rendered.size >= KEEP) rendered.delete(rendered.keys().next().value!);
  rendered.set(etag, png);
  return { png, etag };
}
