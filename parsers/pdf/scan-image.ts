import { loadImage, type SKRSContext2D } from '@napi-rs/canvas';
import { paintedImage, xObjectsOf } from './image-page';
import { multiply, type Matrix } from './matrix';
import { fileOf, loadPdfJs, type PdfPage } from './open';
import { entries, RawPdf, type RawValue } from './raw-objects';

/** A page that is one JPEG image drawn once and nothing else (a scan): the JPEG's bytes and where it is drawn. */
export interface ScanJpeg {
  jpeg: Buffer;
  width: number;
  height: number;
  interpolate: boolean;
  /** The image's unit square to the page's user space (its CTM where it is painted). */
  matrix: Matrix;
}

/** The scan's own resolution: its pixels per inch on the page (the coarser way, if they differ). */
export function scanDpi(scan: ScanJpeg): number {
  const [a, b, c, d] = scan.matrix;
  return Math.min((scan.width * 72) / Math.hypot(a, b), (scan.height * 72) / Math.hypot(c, d));
}

/** Colour spaces drawn as the JPEG's own samples, by the JPEG components they take. */
const DEVICE_SPACES: Record<string, number> = { '/DeviceGray': 1, '/DeviceRGB': 3 };

/**
 * The page's one JPEG, when its operator list paints exactly one image XObject (under save,
 * restore and transforms only) and the image is a plain JPEG of the page's own resources: 8-bit
 * gray or RGB (device or ICC-based, whose profile pdf.js does not apply either), no mask, no
 * decode array, no decode parameters. Anything else is null: pdf.js draws the page.
 */
export async function scanJpeg(page: PdfPage): Promise<ScanJpeg | null> {
  const file = await fileOf(page);
  // The image read from the content stream, or else from pdf.js's operator list (which holds no
  // reference to it: then the page's resources must name one XObject only).
  const fromContent = await paintedImage(page);
  const painted = fromContent ?? (await onlyImagePainted(page));
  if (!painted || !page.ref) return null;
  const raw = RawPdf.of(file);
  const only = fromContent ? { kind: 'ref' as const, num: fromContent.ref.num, gen: fromContent.ref.gen } : onlyXObject(raw, page.ref);
  if (only?.kind !== 'ref') return null;
  const image = raw.stream(only.num, only.gen);
  const dict = image ? entries(image.dict) : null;
  if (!image || !dict) return null;
  const text = (key: string) => {
    const value = dict.get(key);
    return value?.kind === 'other' ? value.text.replace(/\s+/g, ' ').replace(/\[ /, '[').replace(/ \]/, ']') : undefined;
  };
  if (text('Subtype') !== '/Image' || text('BitsPerComponent') !== '8' || !['/DCTDecode', '[/DCTDecode]'].includes(text('Filter') ?? '')) return null;
  if (Number(text('Width')) !== painted.width || Number(text('Height')) !== painted.height) return null;
  if (['DecodeParms', 'Decode', 'SMask', 'Mask', 'ImageMask', 'OC'].some((key) => dict.has(key))) return null;
  const components = colourComponents(raw, dict.get('ColorSpace'));
  const frame = jpegFrame(image.data);
  if (components === null || frame?.components !== components || frame.width !== painted.width || frame.height !== painted.height) return null;
  return { jpeg: image.data, width: painted.width, height: painted.height, interpolate: text('Interpolate') === 'true', matrix: painted.matrix };
}

/** The one XObject the page's resources name, if they name one only. */
function onlyXObject(raw: RawPdf, ref: { num: number; gen: number }): RawValue | null {
  const pageDict = raw.dictionary(ref.num, ref.gen)?.text;
  const page = pageDict ? entries(pageDict) : null;
  const named = page ? xObjectsOf(raw, page) : null;
  return named?.size === 1 ? [...named.values()][0]! : null;
}

async function onlyImagePainted(page: PdfPage): Promise<{ width: number; height: number; matrix: Matrix } | null> {
  const { OPS } = await loadPdfJs();
  const list = await page.getOperatorList();
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  let painted: { width: number; height: number; matrix: Matrix } | null = null;
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i]!;
    const args = list.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
    else if (fn === OPS.paintImageXObject && !painted) painted = { width: args[1] as number, height: args[2] as number, matrix: ctm };
    else if (fn !== OPS.dependency) return null;
  }
  return painted;
}

/** The components an image's colour space takes: device gray or RGB, or an ICC profile of 1 or 3 with such an alternate (or none). */
function colourComponents(raw: RawPdf, space: RawValue | undefined): number | null {
  if (space?.kind !== 'other') return null;
  const device = DEVICE_SPACES[space.text];
  if (device) return device;
  const icc = /^\[\s*\/ICCBased\s+(\d+)\s+(\d+)\s+R\s*\]$/.exec(space.text);
  const profile = icc ? raw.dictionary(Number(icc[1]), Number(icc[2])) : null;
  const fields = profile ? entries(profile.text) : null;
  const n = fields ? raw.integer(fields.get('N') ?? null) : null;
  const alternate = fields?.get('Alternate');
  if (n !== 1 && n !== 3) return null;
  if (alternate && (alternate.kind !== 'other' || DEVICE_SPACES[alternate.text] !== n)) return null;
  return n;
}

/**
 * The size and component count of a baseline, extended or progressive JPEG's frame; null if the
 * bytes are not such a JPEG, or carry EXIF data (whose orientation Skia would apply and pdf.js
 * does not).
 */
function jpegFrame(data: Buffer): { width: number; height: number; components: number } | null {
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) return null;
  for (let at = 2; at + 9 < data.length; ) {
    if (data[at] !== 0xff) return null;
    const marker = data[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0xe1 && data.toString('latin1', at + 4, at + 10) === 'Exif\0\0') return null;
    if (marker === 0xc0 || marker === 0xc1 || marker === 0xc2) {
      return { height: data.readUInt16BE(at + 5), width: data.readUInt16BE(at + 7), components: data[at + 9]! };
    }
    if (marker === 0xd9 || marker === 0xda) return null;
    at += 2 + data.readUInt16BE(at + 2);
  }
  return null;
}

/**
 * Draws a scan's JPEG as pdf.js's canvas would (`paintInlineImageXObject`): the image's corners
 * rounded to whole device pixels, smoothed when it is drawn smaller or little larger (up to 96/72
 * device pixels an image pixel) or asks to be interpolated; but decoded natively (Skia's
 * libjpeg-turbo) instead of by pdf.js's JavaScript decoder. False, drawing nothing, for an image
 * turned other than by quarter turns, or shrunk more than twice (pdf.js halves it in steps first).
 */
export async function drawScanJpeg(context: SKRSContext2D, scan: ScanJpeg, viewport: Matrix): Promise<boolean> {
  const { width: w, height: h } = scan;
  const [a, b, c, d, tx, ty] = multiply(multiply(viewport, scan.matrix), [1 / w, 0, 0, -1 / h, 0, 0]);
  const scaleX = Math.hypot(a, b);
  const scaleY = Math.hypot(c, d);
  if (Math.min(scaleX, scaleY) < 0.5 || !((b === 0 && c === 0) || (a === 0 && d === 0))) return false;
  const picture = await loadImage(scan.jpeg);
  if (picture.width !== w || picture.height !== h) return false;
  const upright = b === 0 && c === 0;
  // The image is drawn into (0, -h, w, h) of the space the transform above sets up.
  const left = Math.round(upright ? tx : -h * c + tx);
  const top = Math.round(upright ? -h * d + ty : ty);
  const across = Math.abs(Math.round(upright ? w * a + tx : tx) - left) || 1;
  const down = Math.abs(Math.round(upright ? ty : w * b + ty) - top) || 1;
  const largest = Math.fround(96 / 72);
  context.save();
  context.imageSmoothingEnabled = scan.interpolate || (scaleX <= largest && scaleY <= largest);
  if (upright) context.setTransform(Math.sign(a), 0, 0, Math.sign(d), left, top);
  else context.setTransform(0, Math.sign(b), Math.sign(c), 0, left, top);
  context.drawImage(picture, 0, 0, w, h, 0, 0, upright ? across : down, upright ? down : across);
  context.restore();
  return true;
}
