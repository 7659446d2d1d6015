import { existsSync } from 'node:fs';
import type { Config } from './config/index.ts';

/**
 * PDFs rendered with pdfmake (certificates, blank application forms), loaded on the first use (not at
 * start-up). Chinese text needs a CJK font: CERTIFICATE_FONT (a .ttc/.ttf/.otf path, with
 * CERTIFICATE_FONT_NAME for the face inside a collection) or Debian's fonts-noto-cjk. The font is the
 * only file pdfmake may read, and nothing is fetched from a URL.
 */
export interface FontChoice {
  normal: [string, string] | [string];
  bold: [string, string] | [string];
}

export type FontConfig = Pick<Config, 'CERTIFICATE_FONT' | 'CERTIFICATE_FONT_NAME'>;

const notoDirs = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/noto-cjk', '/usr/share/fonts/google-noto-cjk', '/usr/share/fonts/truetype/noto'];

/** The CJK font to render with, or null when none is installed. */
export function cjkFont(config: FontConfig): FontChoice | null {
  const configured = config.CERTIFICATE_FONT;
  if (configured) {
    if (!existsSync(configured)) return null;
    const face: [string, string] | [string] = config.CERTIFICATE_FONT_NAME ? [configured, config.CERTIFICATE_FONT_NAME] : [configured];
    return { normal: face, bold: face };
  }
  for (const dir of notoDirs) {
    const regular = `${dir}/NotoSansCJK-Regular.ttc`;
    if (!existsSync(regular)) continue;
    const boldFile = `${dir}/NotoSansCJK-Bold.ttc`;
    return { normal: [regular, 'NotoSansCJKsc-Regular'], bold: existsSync(boldFile) ? [boldFile, 'NotoSansCJKsc-Bold'] : [regular, 'NotoSansCJKsc-Regular'] };
  }
  return null;
}

export interface PdfMake {
  setUrlAccessPolicy(fn: (url: string) => boolean): void;
  setLocalAccessPolicy(fn: (path: string) => boolean): void;
  setFonts(fonts: Record<string, unknown>): void;
  createPdf(doc: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
}

let loaded: Promise<PdfMake> | undefined;
/** pdfmake with the font `font` as `cjk` (documents set `defaultStyle: { font: 'cjk' }`). */
export function pdfmake(font: FontChoice): Promise<PdfMake> {
  loaded ??= import('pdfmake').then((m) => {
    const pm = ((m as { default?: unknown }).default ?? m) as PdfMake;
    pm.setUrlAccessPolicy(() => false);
    return pm;
  });
  return loaded.then((pm) => {
    const files = new Set([font.normal[0], font.bold[0]]);
    pm.setLocalAccessPolicy((path) => files.has(path));
    pm.setFonts({ cjk: { normal: [...font.normal], bold: [...font.bold], italics: [...font.normal], bolditalics: [...font.bold] } });
    return pm;
  });
}
