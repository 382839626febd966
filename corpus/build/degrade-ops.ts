// Image operations that make a clean page rendering look scanned, faxed or stamped: shared by
// corpus/build/scan.ts (the original scans) and corpus/build/degrade.ts (the scan grid). A page is
// one gray plane or three colour planes; every operation is seeded through `random`.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { deflateSync } from 'node:zlib';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { rotateImage } from '../../parsers/ocr/deskew';
import { turnImage, type QuarterTurns } from '../../parsers/ocr/orientation';

/** A page: `planes` holds one gray plane or red, green and blue. */
export interface Page {
  width: number;
  height: number;
  dpi: number;
  planes: Uint8Array[];
}

export type Random = () => number;

/** A small deterministic generator (mulberry32): the same seed gives the same scan. */
export function random(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A draw between `from` and `to`. */
export const between = (next: Random, from: number, to: number) => from + (to - from) * next();

const gauss = (next: Random) => Math.sqrt(-2 * Math.log(next() || 1e-9)) * Math.cos(2 * Math.PI * next());
const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

export function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.error?.message}`);
}

export function readPgm(path: string, dpi: number): Page {
  const bytes = readFileSync(path);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.toString('latin1', 0, 64));
  if (!header) throw new Error(`${path} is not a binary PGM`);
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, dpi, planes: [new Uint8Array(bytes.subarray(header[0].length, header[0].length + width * height))] };
}

/** Rows `top` to `bottom` (pixels) of one page of a PDF rendered in gray at `dpi` (pdftoppm): a test picture's source. */
export function pageStrip(pdf: string, pageNumber: number, dpi: number, top: number, bottom: number): Page {
  const work = mkdtempSync(join(tmpdir(), 'jixiao-strip-'));
  try {
    run('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(pageNumber), '-l', String(pageNumber), pdf, join(work, 'page')]);
    // The one picture written: pdftoppm numbers the pages of a longer document with more digits.
    const page = readPgm(join(work, readdirSync(work)[0]!), dpi);
    return { ...page, height: bottom - top, planes: [page.planes[0]!.slice(top * page.width, bottom * page.width)] };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const mapPlanes = (page: Page, f: (plane: Uint8Array, channel: number) => Uint8Array): Page => ({ ...page, planes: page.planes.map(f) });

/** The page turned by `degrees` (content tilted clockwise for a positive angle), white outside. */
export function tilt(page: Page, degrees: number): Page {
  // rotateImage turns content tilted by `d` level; turning by -d tilts level content by d.
  return mapPlanes(page, (data) => rotateImage({ width: page.width, height: page.height, dpi: page.dpi, data }, -degrees).data);
}

/** The page turned clockwise by quarter turns, as a sheet fed sideways or upside down. */
export function turn(page: Page, quarters: QuarterTurns): Page {
  const planes = page.planes.map((data) => turnImage({ width: page.width, height: page.height, dpi: page.dpi, data }, quarters));
  return { ...page, width: planes[0]!.width, height: planes[0]!.height, planes: planes.map((p) => p.data) };
}

/** Gaussian blur of standard deviation `sigma` pixels (separable; nothing for sigma below 0.1). */
export function blur(page: Page, sigma: number): Page {
  if (sigma < 0.1) return page;
  const radius = Math.ceil(sigma * 3);
  const kernel = Array.from({ length: 2 * radius + 1 }, (_, i) => Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)));
  const total = kernel.reduce((a, b) => a + b, 0);
  const k = kernel.map((v) => v / total);
  const { width, height } = page;
  return mapPlanes(page, (data) => {
    const across = new Float32Array(data.length);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let s = 0;
        for (let i = -radius; i <= radius; i++) s += k[i + radius]! * data[y * width + Math.min(width - 1, Math.max(0, x + i))]!;
        across[y * width + x] = s;
      }
    }
    const out = new Uint8Array(data.length);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let s = 0;
        for (let i = -radius; i <= radius; i++) s += k[i + radius]! * across[Math.min(height - 1, Math.max(0, y + i)) * width + x]!;
        out[y * width + x] = clamp(s);
      }
    }
    return out;
  });
}

/**
 * Scanner grain (Gaussian, σ gray levels, the same on every plane: sensor noise), dark specks
 * (dust), and paper that is not quite white (levels × `scale` + `lift`).
 */
export function grain(page: Page, next: Random, sigma: number, scale = 0.96, lift = 4): Page {
  const n = page.width * page.height;
  const noise = new Float32Array(n);
  for (let i = 0; i < n; i++) noise[i] = gauss(next) * sigma;
  const specks: number[] = [];
  for (let s = 0; s < Math.round(n / 40_000); s++) {
    const x = Math.floor(next() * (page.width - 3));
    const y = Math.floor(next() * (page.height - 3));
    const size = 1 + Math.floor(next() * 2);
    for (let dy = 0; dy < size; dy++) for (let dx = 0; dx < size; dx++) specks.push((y + dy) * page.width + x + dx, 40 + Math.floor(next() * 60));
  }
  return mapPlanes(page, (data) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = clamp(data[i]! * scale + lift + noise[i]!);
    for (let s = 0; s < specks.length; s += 2) out[specks[s]!] = specks[s + 1]!;
    return out;
  });
}

/**
 * Gray paper (`paper` level) and the shadow of the binding edge: the page darkens towards one
 * side over `width` of its width, down to `depth` of the paper's level at the very edge.
 */
export function shadow(page: Page, paper: number, side: 'left' | 'right', width: number, depth: number): Page {
  const band = Math.max(1, Math.round(page.width * width));
  const factor = new Float32Array(page.width);
  for (let x = 0; x < page.width; x++) {
    const d = side === 'left' ? x : page.width - 1 - x;
    const t = d >= band ? 1 : d / band;
    factor[x] = (paper / 255) * (depth + (1 - depth) * Math.sqrt(t));
  }
  return mapPlanes(page, (data) => {
    const out = new Uint8Array(data.length);
    for (let i = 0; i < data.length; i++) out[i] = clamp(data[i]! * factor[i % page.width]!);
    return out;
  });
}

/**
 * The back of the sheet showing through: `back` (a page of the same size, gray) mirrored left to
 * right, softened, and darkening the paper by up to `strength` of its ink.
 */
export function bleedThrough(page: Page, back: Page, strength: number): Page {
  const soft = blur(back, 1.5).planes[0]!;
  const { width, height } = page;
  return mapPlanes(page, (data) => {
    const out = new Uint8Array(data.length);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const bx = width - 1 - x;
        const b = y < back.height && bx < back.width ? soft[y * back.width + bx]! : 255;
        out[y * width + x] = clamp(data[y * width + x]! * (1 - strength * (1 - b / 255)));
      }
    }
    return out;
  });
}

/**
 * A fax: a coarse vertical resolution (`lines` per inch, each line the average of the rows it
 * covers), a hard black-and-white threshold, and noise flipping a few pixels either way.
 */
export function fax(page: Page, next: Random, lines: number, threshold: number): Page {
  const gray = page.planes[0]!;
  const { width, height } = page;
  const step = Math.max(1, page.dpi / lines);
  const out = new Uint8Array(gray.length);
  for (let y0 = 0; y0 < height; y0 += step) {
    const from = Math.floor(y0);
    const to = Math.min(height, Math.floor(y0 + step));
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let y = from; y < Math.max(from + 1, to); y++) s += gray[y * width + x]!;
      const v = s / Math.max(1, to - from) <= threshold ? 0 : 255;
      for (let y = from; y < Math.max(from + 1, to); y++) out[y * width + x] = v;
    }
  }
  for (let i = 0; i < out.length; i++) if (next() < 0.0015) out[i] = 255 - out[i]!;
  return { ...page, planes: [out] };
}

/** Colour planes from a gray page (a colour scan of a black-and-white print). */
export const toColour = (page: Page): Page => (page.planes.length === 3 ? page : { ...page, planes: [0, 1, 2].map(() => page.planes[0]!.slice()) });

let sealFont: string | undefined;
function fontFamily(): string {
  if (!sealFont) {
    const path = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc';
    GlobalFonts.registerFromPath(path, 'SealSerif');
    sealFont = 'SealSerif';
  }
  return sealFont;
}

/**
 * A red official seal (公章: a ring, the issuer's name round the top, a star, the seal's use along
 * the bottom) printed over the page centred at (cx, cy), inked unevenly: red ink multiplies
 * with what is printed below, so black text stays black and the paper turns red.
 */
export function stamp(page: Page, next: Random, cx: number, cy: number, issuer: string, use: string): Page {
  const colour = toColour(page);
  const r = Math.round((page.dpi * 21) / 25.4);
  const size = 2 * r + 8;
  const canvas = createCanvas(size, size);
  const context = canvas.getContext('2d');
  const c = size / 2;
  context.translate(c, c);
  context.rotate(between(next, -0.5, 0.5));
  context.strokeStyle = '#000';
  context.fillStyle = '#000';
  context.lineWidth = r * 0.07;
  context.beginPath();
  context.arc(0, 0, r - context.lineWidth / 2, 0, 2 * Math.PI);
  context.stroke();
  const family = fontFamily();
  const glyph = r * 0.3;
  context.font = `${Math.round(glyph)}px ${family}`;
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  const chars = [...issuer];
  const span = Math.PI * 1.25;
  chars.forEach((ch, i) => {
    const a = -Math.PI / 2 - span / 2 + (span * (i + 0.5)) / chars.length;
    context.save();
    context.rotate(a + Math.PI / 2);
    context.fillText(ch, 0, -(r * 0.72));
    context.restore();
  });
  // The star in the middle.
  context.beginPath();
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const d = i % 2 === 0 ? r * 0.28 : r * 0.11;
    context.lineTo(d * Math.cos(a), d * Math.sin(a));
  }
  context.fill();
  context.font = `${Math.round(glyph * 0.75)}px ${family}`;
  context.fillText(use, 0, r * 0.5);
  const alpha = context.getImageData(0, 0, size, size).data;
  const ink = { r: between(next, 200, 235), g: between(next, 20, 50), b: between(next, 30, 60) };
  const strength = between(next, 0.75, 0.95);
  const out = colour.planes.map((p) => p.slice());
  const x0 = Math.round(cx - c);
  const y0 = Math.round(cy - c);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = (alpha[4 * (y * size + x) + 3]! / 255) * strength * (0.6 + 0.4 * next());
      if (a === 0) continue;
      const px = x0 + x;
      const py = y0 + y;
      if (px < 0 || py < 0 || px >= page.width || py >= page.height) continue;
      const i = py * page.width + px;
      out[0]![i] = clamp(out[0]![i]! * (1 - a * (1 - ink.r / 255)));
      out[1]![i] = clamp(out[1]![i]! * (1 - a * (1 - ink.g / 255)));
      out[2]![i] = clamp(out[2]![i]! * (1 - a * (1 - ink.b / 255)));
    }
  }
  return { ...colour, planes: out };
}

/** The page as a PDF image: a JPEG at `quality` (1–100), or, with no quality, lossless gray levels (a fax). */
export function pdfImage(page: Page, quality: number | null): PdfImage {
  const base = { width: page.width, height: page.height, dpi: page.dpi, colour: page.planes.length === 3 };
  if (quality === null) return { ...base, colour: false, gray: page.planes[0]! };
  const canvas = createCanvas(page.width, page.height);
  const context = canvas.getContext('2d');
  const pixels = context.createImageData(page.width, page.height);
  const [r, g = r, b = r] = page.planes as [Uint8Array, Uint8Array?, Uint8Array?];
  for (let i = 0; i < r.length; i++) {
    pixels.data[4 * i] = r[i]!;
    pixels.data[4 * i + 1] = g![i]!;
    pixels.data[4 * i + 2] = b![i]!;
    pixels.data[4 * i + 3] = 255;
  }
  context.putImageData(pixels, 0, 0);
  // Skia writes an RGB JPEG whatever the planes: a gray page is stored as three equal channels.
  return { ...base, colour: true, jpeg: canvas.encodeSync('jpeg', quality) };
}

/** A page image ready for a PDF: JPEG bytes as they are (DCTDecode), or raw gray levels deflated. */
export interface PdfImage {
  width: number;
  height: number;
  dpi: number;
  colour: boolean;
  jpeg?: Buffer;
  gray?: Uint8Array;
}

/**
 * An image-only PDF, one page per image, each page the image's size at its resolution: what a
 * scanner writes. JPEGs go in as they are (no re-encoding), so their artefacts are the test's.
 */
export function imagePdf(images: PdfImage[]): Buffer {
  const objects: Buffer[] = [];
  const add = (body: Buffer) => objects.push(body) - 1 + 1;
  const pageIds: number[] = [];
  const pagesId = 2;
  objects.push(Buffer.alloc(0), Buffer.alloc(0)); // 1: catalog, 2: pages (filled in below)
  for (const image of images) {
    const data = image.jpeg ?? deflateSync(image.gray!);
    const filter = image.jpeg ? '/DCTDecode' : '/FlateDecode';
    const space = image.colour ? '/DeviceRGB' : '/DeviceGray';
    const xobject = add(
      Buffer.concat([
        Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${image.width} /Height ${image.height} /ColorSpace ${space} /BitsPerComponent 8 /Filter ${filter} /Length ${data.length} >>\nstream\n`, 'latin1'),
        data,
        Buffer.from('\nendstream', 'latin1'),
      ]),
    );
    const w = ((image.width * 72) / image.dpi).toFixed(2);
    const h = ((image.height * 72) / image.dpi).toFixed(2);
    const draw = Buffer.from(`q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q`, 'latin1');
    const content = add(Buffer.concat([Buffer.from(`<< /Length ${draw.length} >>\nstream\n`, 'latin1'), draw, Buffer.from('\nendstream', 'latin1')]));
    pageIds.push(add(Buffer.from(`<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${w} ${h}] /Resources << /XObject << /Im0 ${xobject} 0 R >> >> /Contents ${content} 0 R >>`, 'latin1')));
  }
  objects[0] = Buffer.from(`<< /Type /Catalog /Pages ${pagesId} 0 R >>`, 'latin1');
  objects[1] = Buffer.from(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`, 'latin1');
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let at = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(at);
    const whole = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(whole);
    at += whole.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** For a build script run as a command: prints its usage and exits when `--help` or `-h` is given. */
export function helpIfAsked(usage: string): void {
  if (!process.argv.includes('--help') && !process.argv.includes('-h')) return;
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
