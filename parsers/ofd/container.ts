import type { Element } from 'domhandler';
import JSZip from 'jszip';
import { checkZipLimits } from '../zip-directory';
import { DocumentError } from '../parser';
import { child, childElements, localName, numbers, parseXml, path, textOf } from './xml';

/** A page to draw: its own content part, the templates drawn with it, and its physical box (mm). */
export interface OfdPage {
  /** 1-based, in the order of the documents' page trees. */
  number: number;
  content: Element;
  templates: Element[];
  /** x, y, width, height in millimetres. */
  box: [number, number, number, number];
}

/** A4 portrait, for a page that declares no box at all. */
const A4: [number, number, number, number] = [0, 0, 210, 297];

/**
 * Opens an OFD package (GB/T 33190-2016): OFD.xml → each DocBody's DocRoot (Document.xml) →
 * its pages (Page BaseLoc) with their templates (TemplatePage) and page areas.
 */
export async function readOfdPages(bytes: Uint8Array, name: string): Promise<OfdPage[]> {
  const parts = await openZip(bytes, name);
  const entry = await readPart(parts, '', 'OFD.xml');
  if (entry === undefined) {
    throw new DocumentError(`${name} has no OFD.xml: it is a zip file but not an OFD document (GB/T 33190); check what the file is, or download it again`);
  }
  const root = parseXml(entry.text);
  if (!root || localName(root) !== 'OFD') {
    throw new DocumentError(`${name}: OFD.xml is not an OFD entry file (its root is ${root ? `<${root.name}>` : 'not XML'}, not <ofd:OFD>); the file is damaged or not an OFD document`);
  }
  const pages: OfdPage[] = [];
  for (const body of childElements(root, 'DocBody')) {
    const docRoot = textOf(child(body, 'DocRoot')).trim();
    const document = docRoot === '' ? undefined : await readPart(parts, '', docRoot);
    if (!document) throw new DocumentError(`${name}: the document part ${docRoot || '(DocRoot not given)'} named in OFD.xml is missing; the OFD file is damaged`);
    const doc = parseXml(document.text);
    if (!doc || localName(doc) !== 'Document') throw new DocumentError(`${name}: ${docRoot} is not an OFD Document part; the OFD file is damaged`);
    pages.push(...(await documentPages(parts, document.dir, doc, pages.length, name)));
  }
  if (pages.length === 0) throw new DocumentError(`${name}: the OFD file declares no pages (no DocBody with pages in OFD.xml); it is empty or damaged`);
  return pages;
}

async function documentPages(parts: Parts, dir: string, doc: Element, before: number, name: string): Promise<OfdPage[]> {
  const commonBox = pageBox(path(doc, 'CommonData', 'PageArea'));
  const templates = new Map<string, Element>();
  for (const tpl of childElements(path(doc, 'CommonData') ?? doc, 'TemplatePage')) {
    const part = await readPart(parts, dir, tpl.attribs.BaseLoc ?? '');
    const content = part && parseXml(part.text);
    if (content && tpl.attribs.ID !== undefined) templates.set(tpl.attribs.ID, content);
  }
  const out: OfdPage[] = [];
  for (const entry of childElements(path(doc, 'Pages') ?? doc, 'Page')) {
    const number = before + out.length + 1;
    const part = await readPart(parts, dir, entry.attribs.BaseLoc ?? '');
    const content = part && parseXml(part.text);
    if (!content) throw new DocumentError(`${name}: page ${number} (${entry.attribs.BaseLoc ?? 'no BaseLoc'}) is missing or is not XML; the OFD file is damaged`);
    const used = childElements(content, 'Template').flatMap((t) => templates.get(t.attribs.TemplateID ?? '') ?? []);
    out.push({ number, content, templates: used, box: pageBox(child(content, 'Area')) ?? commonBox ?? A4 });
  }
  return out;
}

/** A page area's PhysicalBox (the paper), or its ApplicationBox when that is all it gives. */
function pageBox(area: Element | undefined): [number, number, number, number] | undefined {
  if (!area) return undefined;
  for (const name of ['PhysicalBox', 'ApplicationBox']) {
    const [x, y, w, h] = numbers(textOf(child(area, name)));
    if (x !== undefined && y !== undefined && w !== undefined && h !== undefined && w > 0 && h > 0) return [x, y, w, h];
  }
  return undefined;
}

/** Zip entries by normalised path, lower-cased: producers write `Doc_0\Pages\…` or vary the case. */
type Parts = Map<string, JSZip.JSZipObject>;

async function openZip(bytes: Uint8Array, name: string): Promise<Parts> {
  // A bomb is refused before jszip inflates anything.
  checkZipLimits(bytes, name, 'OFD.xml');
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new DocumentError(`${name} is not a readable OFD file: its zip container is damaged or truncated (${why}); download it again`);
  }
  const parts: Parts = new Map();
  zip.forEach((p, file) => {
    if (!file.dir) parts.set(normalise(p).toLowerCase(), file);
  });
  return parts;
}

/** Resolves `loc` against `dir` (or the package root when it starts with `/`). */
function resolve(dir: string, loc: string): string {
  return normalise(loc.startsWith('/') || loc.startsWith('\\') ? loc : `${dir}/${loc}`);
}

function normalise(p: string): string {
  const out: string[] = [];
  for (const seg of p.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

/**
 * Reads a part by a location written in another part. Relative locations are relative to the
 * referring part's folder; some producers write them from the package root instead, so that
 * is tried second.
 */
async function readPart(parts: Parts, dir: string, loc: string): Promise<{ text: string; dir: string } | undefined> {
  if (loc.trim() === '') return undefined;
  for (const candidate of [resolve(dir, loc.trim()), resolve('', loc.trim())]) {
    const file = parts.get(candidate.toLowerCase());
    if (!file) continue;
    try {
      return { text: await file.async('string'), dir: candidate.replace(/\/?[^/]*$/, '') };
    } catch (err) {
      throw new DocumentError(`cannot inflate ${candidate} (${err instanceof Error ? err.message : String(err)}): the OFD file is damaged or truncated; download it again`);
    }
  }
  return undefined;
}
