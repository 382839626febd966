import { IDENTITY, multiply, type Matrix } from './matrix';
import { loadPdfJs, type PdfPage } from './open';

/** A text item as pdf.js's `getTextContent` gives it (the fields the page reading uses). */
export interface OperatorTextItem {
  str: string;
  /** The run's start: PDF user space, its em across (a, b) and up (c, d). */
  transform: number[];
  width: number;
  height: number;
  fontName: string;
  hasEOL: boolean;
}

/** A glyph of pdf.js's operator list (its types declare none). */
interface ListGlyph {
  originalCharCode: number;
  unicode: string;
  width: number;
  vmetric?: number[] | null;
}

/** What the text needs of a font pdf.js loaded (its main-thread object). */
interface FontFacts {
  loadedName: string;
  vertical: boolean;
  isType3Font: boolean;
  /**
   * A Type 3 font's box as pdf.js's worker holds it, and whether it measured it from the glyphs
   * (`isCharBBox`); null when that cannot be told from what the main thread was sent.
   */
  type3Box: ReturnType<typeof type3Box>;
  fontMatrix: Matrix;
}

/** A Type 3 glyph's operator list as pdf.js sends it with its font. */
interface CharProc {
  fnArray: number[];
  argsArray: unknown[][];
}

/** pdf.js's text state: what `q` saves and `Q` restores for its text content (the text matrices too). */
interface TextState {
  ctm: Matrix;
  font: FontFacts | null;
  /** Null after a graphics state set the font: the next `Tf` is never "the same font". */
  fontName: string | null;
  fontSize: number;
  fontMatrix: Matrix;
  textMatrix: Matrix;
  textLineMatrix: Matrix;
  charSpacing: number;
  wordSpacing: number;
  leading: number;
  textHScale: number;
  textRise: number;
}

const FONT_IDENTITY: Matrix = [0.001, 0, 0, 0.001, 0, 0];
// pdf.js's text content thresholds (fractions of the font size), as its evaluator sets them.
const TRACKING_SPACE_FACTOR = 0.102;
const NOT_A_SPACE_FACTOR = 0.03;
const NEGATIVE_SPACE_FACTOR = -0.2;
const SPACE_IN_FLOW_MIN_FACTOR = 0.102;
const SPACE_IN_FLOW_MAX_FACTOR = 0.6;
const VERTICAL_SHIFT_RATIO = 0.25;
/** pdf.js's `getCharUnicodeCategory`: white space, zero-width diacritic, invisible format mark. */
const SPECIAL_CHAR = /^(\s)|(\p{Mn})|(\p{Cf})$/u;
/** Characters pdf.js's bidi pass may reorder (right-to-left and Arabic number types): such a page is left to pdf.js. */
const BIDI = /[\u0590-\u08ac\ufb50-\ufdff\ufe70-\ufeff]/;


const translate = (m: Matrix, x: number, y: number) => {
  m[4] = m[0]! * x + m[2]! * y + m[4]!;
  m[5] = m[1]! * x + m[3]! * y + m[5]!;
};

/**
 * The number a content stream wrote, from the single-precision copy pdf.js's operator list keeps
 * of a text matrix or a form's matrix (its text content reads the written numbers): the shortest
 * decimal that rounds to that copy. Producers write a few decimals, far fewer than single
 * precision holds, so the shortest such decimal is the one written.
 */
function written(v: number): number {
  if (Number.isInteger(v)) return v;
  for (let p = 1; p <= 9; p++) {
    const d = Number(v.toPrecision(p));
    if (Math.fround(d) === v) return d;
  }
  return v;
}

/** Why a page's text is left to pdf.js's own text content. */
class Unsupported extends Error {}

/**
 * A page's text items as pdf.js's `getTextContent` makes them, built from the page's operator
 * list, which already holds every shown glyph and the text state operators: the content stream is
 * parsed once, not twice. It follows pdf.js's text content builder step by step (its item
 * splitting at gaps and line changes, the spaces it inserts, its flushes at fonts, marked content
 * and XObjects, Type 3 heights, vertical fonts, forms read with their own item). Null for a page
 * it cannot read as pdf.js would (right-to-left text, a Type 3 font whose glyph boxes decide its
 * height): that page is read by `getTextContent`.
 */
export async function operatorTextItems(page: PdfPage): Promise<OperatorTextItem[] | null> {
  const pdfjs = await loadPdfJs();
  const list = await page.getOperatorList();
  try {
    return new OperatorText(page, pdfjs.OPS, pdfjs.normalizeUnicode).read(list.fnArray, list.argsArray as unknown[][]);
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
}

type Ops = Awaited<ReturnType<typeof loadPdfJs>>['OPS'];

/** One content stream's item being built (the page's, or a form's: pdf.js reads a form with its own). */
class ItemBuilder {
  initialized = false;
  str: string[] = [];
  totalWidth = 0;
  totalHeight = 0;
  width = 0;
  height = 0;
  vertical = false;
  prevTransform: Matrix | null = null;
  textAdvanceScale = 0;
  spaceInFlowMin = 0;
  spaceInFlowMax = 0;
  trackingSpaceMin = Infinity;
  negativeSpaceMax = -Infinity;
  notASpace = -Infinity;
  transform: Matrix = IDENTITY;
  fontName = '';
  hasEOL = false;
  readonly twoLastChars = [' ', ' '];
  twoLastCharsPos = 0;
}

class OperatorText {
  private readonly items: OperatorTextItem[] = [];
  private readonly fonts = new Map<string, FontFacts>();
  private readonly view: number[];
  private state: TextState;
  private item = new ItemBuilder();

  constructor(
    private readonly page: PdfPage,
    private readonly OPS: Ops,
    private readonly normalize: (s: string) => string,
  ) {
    this.view = page.view;
    this.state = {
      ctm: IDENTITY,
      font: null,
      fontName: null,
      fontSize: 0,
      fontMatrix: FONT_IDENTITY,
      textMatrix: [...IDENTITY],
      textLineMatrix: [...IDENTITY],
      charSpacing: 0,
      wordSpacing: 0,
      leading: 0,
      textHScale: 1,
      textRise: 0,
    };
  }

  read(fnArray: number[], argsArray: unknown[][]): OperatorTextItem[] {
    const OPS = this.OPS;
    const saved: TextState[] = [];
    const forms: Array<{ state: TextState; saved: TextState[]; item: ItemBuilder }> = [];
    let annotation = 0;
    let stack = saved;
    for (let i = 0; i < fnArray.length; i++) {
      const fn = fnArray[i];
      const args = argsArray[i]!;
      // Annotations' appearances follow the page's content in the operator list; its text content leaves them out.
      if (fn === OPS.beginAnnotation) annotation++;
      else if (fn === OPS.endAnnotation) annotation--;
      if (annotation > 0 || fn === OPS.endAnnotation) continue;
      const s = this.state;
      switch (fn) {
        case OPS.save:
          stack.push(s);
          this.state = clone(s);
          break;
        case OPS.restore: {
          const prev = stack.pop();
          if (prev) {
            this.state = prev;
            if (prev.font !== s.font || prev.fontSize !== s.fontSize || prev.fontName !== s.fontName) this.flush();
          }
          break;
        }
        case OPS.transform:
          s.ctm = multiply(s.ctm, args as Matrix);
          break;
        case OPS.paintFormXObjectBegin: {
          this.flush();
          forms.push({ state: s, saved: stack, item: this.item });
          this.state = clone(s);
          const matrix = args[0] as ArrayLike<number> | null;
          if (matrix) this.state.ctm = multiply(s.ctm, Array.from(matrix, written) as Matrix);
          stack = [];
          this.item = new ItemBuilder();
          break;
        }
        case OPS.paintFormXObjectEnd: {
          this.flush();
          const outer = forms.pop();
          if (outer) ({ state: this.state, saved: stack, item: this.item } = outer);
          break;
        }
        case OPS.paintImageXObject:
        case OPS.paintImageMaskXObject:
        case OPS.paintImageXObjectRepeat:
        case OPS.paintImageMaskXObjectRepeat:
        case OPS.paintImageMaskXObjectGroup:
        case OPS.paintSolidColorImageMask:
        case OPS.beginMarkedContent:
        case OPS.beginMarkedContentProps:
        case OPS.endMarkedContent:
          this.flush();
          break;
        case OPS.setFont: {
          const [name, size] = args as [string, number];
          if (s.font && name === s.fontName && size === s.fontSize) break;
          this.flush();
          this.setFont(name, size);
          s.fontName = name;
          break;
        }
        case OPS.setGState:
          for (const [key, value] of args[0] as Array<[string, unknown]>) {
            if (key !== 'Font') continue;
            this.flush();
            const [name, size] = value as [string, number];
            this.setFont(name, size);
            this.state.fontName = null;
          }
          break;
        case OPS.setTextRise:
          s.textRise = args[0] as number;
          break;
        case OPS.setHScale:
          s.textHScale = (args[0] as number) / 100;
          break;
        case OPS.setLeading:
          s.leading = args[0] as number;
          break;
        case OPS.moveText:
          translate(s.textLineMatrix, args[0] as number, args[1] as number);
          s.textMatrix = [...s.textLineMatrix];
          break;
        case OPS.setLeadingMoveText:
          s.leading = -(args[1] as number);
          translate(s.textLineMatrix, args[0] as number, args[1] as number);
          s.textMatrix = [...s.textLineMatrix];
          break;
        case OPS.nextLine:
          translate(s.textLineMatrix, 0, -s.leading);
          s.textMatrix = [...s.textLineMatrix];
          break;
        case OPS.setTextMatrix: {
          const m = Array.from(args[0] as ArrayLike<number>, written) as Matrix;
          s.textMatrix = m;
          s.textLineMatrix = [...m];
          this.updateAdvanceScale();
          break;
        }
        case OPS.setCharSpacing:
          s.charSpacing = args[0] as number;
          break;
        case OPS.setWordSpacing:
          s.wordSpacing = args[0] as number;
          break;
        case OPS.beginText:
          s.textMatrix = [...IDENTITY];
          s.textLineMatrix = [...IDENTITY];
          break;
        case OPS.showText:
          if (s.font) this.showText(args[0] as unknown[]);
          break;
      }
    }
    this.flush();
    return this.items;
  }

  private setFont(name: string, size: number): void {
    let font = this.fonts.get(name);
    if (!font) {
      const facts = (this.page.commonObjs.has(name) ? this.page.commonObjs.get(name) : null) as {
        vertical?: boolean;
        isType3Font?: boolean;
        bbox?: number[];
        fontMatrix?: Matrix;
        charProcOperatorList?: Record<string, CharProc>;
      } | null;
      font = {
        loadedName: name,
        vertical: Boolean(facts?.vertical),
        isType3Font: Boolean(facts?.isType3Font),
        type3Box: facts?.isType3Font ? type3Box(this.OPS, facts.bbox, facts.charProcOperatorList ?? {}) : null,
        fontMatrix: facts?.fontMatrix ?? FONT_IDENTITY,
      };
      this.fonts.set(name, font);
    }
    this.state.font = font;
    this.state.fontSize = size;
    this.state.fontMatrix = font.fontMatrix;
  }

  /**
   * A `showText`'s glyphs, in the runs pdf.js's text content shows them: its `TJ` adjustments
   * (numbers) end a run, whose last glyph takes the adjustment as spacing; a zero is no adjustment.
   */
  private showText(glyphs: unknown[]): void {
    const font = this.state.font!;
    const spaceFactor = ((font.vertical ? 1 : -1) * this.state.fontSize) / 1000;
    let run: ListGlyph[] = [];
    let adjusted = false;
    for (const g of glyphs) {
      if (typeof g === 'number') {
        if (g === 0) continue;
        this.build(run, g * spaceFactor);
        run = [];
        adjusted = true;
      } else if (g && typeof g === 'object') run.push(g as ListGlyph);
    }
    if (run.length > 0 || !adjusted) this.build(run, 0);
  }

  private currentTransform(): Matrix {
    const s = this.state;
    const font = s.font!;
    const tsm: Matrix = [s.fontSize * s.textHScale, 0, 0, s.fontSize, 0, s.textRise];
    if (font.isType3Font && !sameMatrix(s.fontMatrix, FONT_IDENTITY)) {
      const box = font.type3Box;
      if (!box || (s.fontSize > 1 && box.isCharBBox === null)) throw new Unsupported('a Type 3 font whose box pdf.js measured cannot be told');
      if (s.fontSize <= 1 || box.isCharBBox) {
        const glyphHeight = box.bbox[3]! - box.bbox[1]!;
        if (glyphHeight > 0) tsm[3]! *= glyphHeight * s.fontMatrix[3]!;
      }
    }
    return multiply(s.ctm, multiply(s.textMatrix, tsm));
  }

  private ensureItem(): ItemBuilder {
    const item = this.item;
    if (item.initialized) return item;
    const s = this.state;
    item.fontName = s.font!.loadedName;
    const trm = (item.transform = this.currentTransform());
    if (!s.font!.vertical) {
      item.width = item.totalWidth = 0;
      item.height = item.totalHeight = Math.hypot(trm[2]!, trm[3]!);
      item.vertical = false;
    } else {
      item.width = item.totalWidth = Math.hypot(trm[0]!, trm[1]!);
      item.height = item.totalHeight = 0;
      item.vertical = true;
    }
    item.textAdvanceScale = Math.hypot(s.ctm[0]!, s.ctm[1]!) * Math.hypot(s.textLineMatrix[0]!, s.textLineMatrix[1]!);
    const size = s.fontSize;
    item.trackingSpaceMin = size * TRACKING_SPACE_FACTOR;
    item.notASpace = size * NOT_A_SPACE_FACTOR;
    item.negativeSpaceMax = size * NEGATIVE_SPACE_FACTOR;
    item.spaceInFlowMin = size * SPACE_IN_FLOW_MIN_FACTOR;
    item.spaceInFlowMax = size * SPACE_IN_FLOW_MAX_FACTOR;
    item.hasEOL = false;
    item.initialized = true;
    return item;
  }

  private updateAdvanceScale(): void {
    const item = this.item;
    if (!item.initialized) return;
    const s = this.state;
    const scale = Math.hypot(s.ctm[0]!, s.ctm[1]!) * Math.hypot(s.textLineMatrix[0]!, s.textLineMatrix[1]!);
    if (scale === item.textAdvanceScale) return;
    if (!item.vertical) {
      item.totalWidth += item.width * item.textAdvanceScale;
      item.width = 0;
    } else {
      item.totalHeight += item.height * item.textAdvanceScale;
      item.height = 0;
    }
    item.textAdvanceScale = scale;
  }

  private saveLastChar(char: string): boolean {
    const item = this.item;
    const ret = this.shouldAddWhitespace();
    item.twoLastChars[item.twoLastCharsPos] = char;
    item.twoLastCharsPos = (item.twoLastCharsPos + 1) % 2;
    return ret;
  }

  private shouldAddWhitespace(): boolean {
    const item = this.item;
    return item.twoLastChars[item.twoLastCharsPos] !== ' ' && item.twoLastChars[(item.twoLastCharsPos + 1) % 2] === ' ';
  }

  private resetLastChars(): void {
    this.item.twoLastChars[0] = this.item.twoLastChars[1] = ' ';
    this.item.twoLastCharsPos = 0;
  }

  private pushWhitespace(width: number, height: number, transform = this.item.prevTransform, fontName = this.item.fontName): void {
    this.items.push({ str: ' ', width, height, transform: transform!, fontName, hasEOL: false });
  }

  private build(glyphs: ListGlyph[], extraSpacing: number): void {
    const s = this.state;
    const font = s.font!;
    if (glyphs.length === 0) {
      const charSpacing = s.charSpacing + extraSpacing;
      if (charSpacing) {
        if (!font.vertical) translate(s.textMatrix, charSpacing * s.textHScale, 0);
        else translate(s.textMatrix, 0, -charSpacing);
      }
      return;
    }
    const scale = s.fontMatrix[0]! * s.fontSize;
    for (let i = 0; i < glyphs.length; i++) {
      const glyph = glyphs[i]!;
      const category = glyph.unicode.match(SPECIAL_CHAR);
      if (category?.[3]) continue;
      let charSpacing = s.charSpacing + (i + 1 === glyphs.length ? extraSpacing : 0);
      let glyphWidth = glyph.width;
      if (font.vertical) glyphWidth = glyph.vmetric ? glyph.vmetric[0]! : -glyphWidth;
      let scaledDim = glyphWidth * scale;
      if (glyph.originalCharCode === 0x20) charSpacing += s.wordSpacing;
      if (category?.[1]) {
        if (!font.vertical) {
          charSpacing += scaledDim;
          translate(s.textMatrix, charSpacing * s.textHScale, 0);
        } else {
          charSpacing += -scaledDim;
          translate(s.textMatrix, 0, -charSpacing);
        }
        this.saveLastChar(' ');
        continue;
      }
      const diacritic = Boolean(category?.[2]);
      if (!diacritic && !this.compareWithLastPosition(scaledDim)) {
        if (!font.vertical) translate(s.textMatrix, scaledDim * s.textHScale, 0);
        else translate(s.textMatrix, 0, scaledDim);
        continue;
      }
      const chunk = this.ensureItem();
      if (diacritic) scaledDim = 0;
      if (!font.vertical) {
        scaledDim *= s.textHScale;
        translate(s.textMatrix, scaledDim, 0);
        chunk.width += scaledDim;
      } else {
        translate(s.textMatrix, 0, scaledDim);
        scaledDim = Math.abs(scaledDim);
        chunk.height += scaledDim;
      }
      if (scaledDim) chunk.prevTransform = this.currentTransform();
      if (this.saveLastChar(glyph.unicode)) chunk.str.push(' ');
      chunk.str.push(glyph.unicode);
      if (charSpacing) {
        if (!font.vertical) translate(s.textMatrix, charSpacing * s.textHScale, 0);
        else translate(s.textMatrix, 0, -charSpacing);
      }
    }
  }

  private compareWithLastPosition(glyphWidth: number): boolean {
    const s = this.state;
    const item = this.item;
    const current = this.currentTransform();
    let posX = current[4]!;
    let posY = current[5]!;
    const [v0, v1, v2, v3] = this.view as [number, number, number, number];
    if (s.font?.vertical) {
      if (posX < v0 || posX > v2 || posY + glyphWidth < v1 || posY > v3) return false;
    } else if (posX + glyphWidth < v0 || posX > v2 || posY < v1 || posY > v3) return false;
    if (!s.font || !item.prevTransform) return true;
    let lastPosX = item.prevTransform[4]!;
    let lastPosY = item.prevTransform[5]!;
    if (lastPosX === posX && lastPosY === posY) return true;
    let rotate = -1;
    if (current[0] && current[1] === 0 && current[2] === 0) rotate = current[0] > 0 ? 0 : 180;
    else if (current[1] && current[0] === 0 && current[3] === 0) rotate = current[1] > 0 ? 90 : 270;
    switch (rotate) {
      case 0:
        break;
      case 90:
        [posX, posY] = [posY, posX];
        [lastPosX, lastPosY] = [lastPosY, lastPosX];
        break;
      case 180:
        [posX, posY, lastPosX, lastPosY] = [-posX, -posY, -lastPosX, -lastPosY];
        break;
      case 270:
        [posX, posY] = [-posY, -posX];
        [lastPosX, lastPosY] = [-lastPosY, -lastPosX];
        break;
      default:
        [posX, posY] = inverseRotation(posX, posY, current);
        [lastPosX, lastPosY] = inverseRotation(lastPosX, lastPosY, item.prevTransform);
    }
    // Vertical text advances down its column as horizontal text advances along its line: one
    // reading of the step, with the item's extent along (its width, or height) and across.
    const vertical = s.font.vertical;
    const along = vertical ? (lastPosY - posY) / item.textAdvanceScale : (posX - lastPosX) / item.textAdvanceScale;
    const across = vertical ? posX - lastPosX : posY - lastPosY;
    const extentAlong = () => (vertical ? item.height : item.width);
    const extentAcross = () => (vertical ? item.width : item.height);
    const grow = () => (vertical ? (item.height += along) : (item.width += along));
    const space = () => (vertical ? this.pushWhitespace(0, Math.abs(along)) : this.pushWhitespace(Math.abs(along), 0));
    const textOrientation = Math.sign(extentAlong());
    if (along < textOrientation * item.negativeSpaceMax) {
      if (Math.abs(across) > 0.5 * extentAcross()) {
        this.appendEOL();
        return true;
      }
      this.resetLastChars();
      this.flush();
      return true;
    }
    if (Math.abs(across) > extentAcross()) {
      this.appendEOL();
      return true;
    }
    if (along <= textOrientation * item.notASpace) this.resetLastChars();
    if (along <= textOrientation * item.trackingSpaceMin) {
      if (this.shouldAddWhitespace()) {
        this.resetLastChars();
        this.flush();
        space();
      } else grow();
    } else if (!this.addFakeSpaces(along, item.prevTransform, textOrientation)) {
      if (item.str.length === 0) {
        this.resetLastChars();
        space();
      } else grow();
    }
    if (Math.abs(across) > extentAcross() * VERTICAL_SHIFT_RATIO) this.flush();
    return true;
  }

  private appendEOL(): void {
    this.resetLastChars();
    if (this.item.initialized) {
      this.item.hasEOL = true;
      this.flush();
    } else {
      const s = this.state;
      this.items.push({ str: '', width: 0, height: 0, transform: this.currentTransform(), fontName: s.font?.loadedName ?? '', hasEOL: true });
    }
  }

  private addFakeSpaces(width: number, prevTransform: Matrix | null, textOrientation: number): boolean {
    const item = this.item;
    if (textOrientation * item.spaceInFlowMin <= width && width <= textOrientation * item.spaceInFlowMax) {
      if (item.initialized) {
        this.resetLastChars();
        item.str.push(' ');
      }
      return false;
    }
    const fontName = item.fontName;
    let height = 0;
    if (item.vertical) {
      height = width;
      width = 0;
    }
    this.flush();
    this.resetLastChars();
    this.pushWhitespace(Math.abs(width), Math.abs(height), prevTransform ?? this.currentTransform(), fontName);
    return true;
  }

  private flush(): void {
    const item = this.item;
    if (!item.initialized) return;
    if (!item.vertical) item.totalWidth += item.width * item.textAdvanceScale;
    else item.totalHeight += item.height * item.textAdvanceScale;
    const text = this.normalize(item.str.join(''));
    if (!item.vertical && BIDI.test(text)) throw new Unsupported('right-to-left text');
    this.items.push({
      str: text,
      width: Math.abs(item.totalWidth),
      height: Math.abs(item.totalHeight),
      transform: item.transform,
      fontName: item.fontName,
      hasEOL: item.hasEOL,
    });
    item.initialized = false;
    item.str.length = 0;
  }
}

/**
 * The box pdf.js's worker gives a Type 3 font once its glyphs are read: its FontBBox, or, when
 * that box is empty or a glyph's own box (`d1`) is ten times its size or more, the box of those
 * glyphs (of every glyph's paths, for `d0` glyphs of an empty FontBBox). The main thread is sent
 * that box in whole units (a 16-bit integer each), and not the FontBBox: the box is told only where
 * one reading fits what was sent, and `isCharBBox` (which matters above size 1) is null where both
 * readings give the same box (a FontBBox written as the glyphs' box, as Chromium and Ghostscript
 * write it, or an empty one). Null: the box cannot be told.
 */
function type3Box(OPS: Ops, sent: number[] | undefined, charProcs: Record<string, CharProc>): { bbox: number[]; isCharBBox: boolean | null } | null {
  const d1: number[][] = [];
  const glyphs = [Infinity, Infinity, -Infinity, -Infinity];
  for (const proc of Object.values(charProcs)) {
    if (proc.fnArray[0] === OPS.setCharWidthAndBounds) {
      const a = proc.argsArray[0] as number[];
      const box = [Math.min(a[2]!, a[4]!), Math.min(a[3]!, a[5]!), Math.max(a[2]!, a[4]!), Math.max(a[3]!, a[5]!)];
      d1.push(box);
      extend(glyphs, box[0]!, box[1]!, box[2]!, box[3]!);
    } else if (proc.fnArray[0] === OPS.setCharWidth) {
      for (let i = 1; i < proc.fnArray.length; i++) {
        if (proc.fnArray[i] !== OPS.constructPath) continue;
        const m = proc.argsArray[i]![2] as ArrayLike<number> | null;
        if (m) extend(glyphs, m[0]!, m[1]!, m[2]!, m[3]!);
      }
    }
  }
  const bbox = sent ?? [0, 0, 0, 0];
  // What an empty FontBBox would have made of it (pdf.js drops zero-size glyph boxes before).
  const measured = glyphs[0]! <= glyphs[2]! && glyphs.every((v, i) => Math.trunc(v) === bbox[i]);
  const size = Math.hypot(bbox[2]! - bbox[0]!, bbox[3]! - bbox[1]!);
  if (size === 0) return measured ? { bbox: glyphs, isCharBBox: true } : null;
  if (measured) return glyphs.every((v, i) => v === bbox[i]) ? { bbox, isCharBBox: null } : null;
  const big = d1.some((b) => Math.round(Math.hypot(b[2]! - b[0]!, b[3]! - b[1]!) / size) >= 10);
  return big ? null : { bbox, isCharBBox: false };
}

function extend(box: number[], x0: number, y0: number, x1: number, y1: number): void {
  box[0] = Math.min(box[0]!, x0, x1);
  box[1] = Math.min(box[1]!, y0, y1);
  box[2] = Math.max(box[2]!, x0, x1);
  box[3] = Math.max(box[3]!, y0, y1);
}

function clone(s: TextState): TextState {
  return { ...s, textMatrix: [...s.textMatrix], textLineMatrix: [...s.textLineMatrix], fontMatrix: [...s.fontMatrix] };
}

function sameMatrix(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  for (let i = 0; i < 6; i++) if (a[i] !== b[i]) return false;
  return true;
}

function inverseRotation(x: number, y: number, m: Matrix): [number, number] {
  const scale = Math.hypot(m[0]!, m[1]!);
  return [(m[0]! * x + m[1]! * y) / scale, (m[2]! * x + m[3]! * y) / scale];
}
