import { FC_PLCF_BTE_PAPX, type WordFile } from './word-file';

/** What jixiao needs of a paragraph's properties (PAP) and, on a row end, of its row's (TAP). */
export interface ParagraphProps {
  /** Style index: 1–9 are the built-in headings. */
  istd: number;
  inTable: boolean;
  /** The paragraph is a table row's end mark (TTP). */
  rowEnd: boolean;
  /** Table depth: 2 and more are tables nested in a cell. */
  depth: number;
  /** On a row end: the row's cells. */
  row?: RowDef;
}

/** sprmTDefTable ([MS-DOC] 2.6.4): cell boundaries in twips and each cell's merge flags. */
export interface RowDef {
  /** itcMac + 1 boundaries, left to right. */
  boundaries: number[];
  cells: Array<{ vertMerge: number; horzMerge: number }>;
}

const SPRM_P_F_IN_TABLE = 0x2416;
const SPRM_P_F_TTP = 0x2417;
const SPRM_P_ITAP = 0x6649;
const SPRM_P_F_INNER_TTP = 0x244c;
const SPRM_P_HUGE_PAPX = 0x6646;
const SPRM_T_DEF_TABLE = 0xd608;
const SPRM_T_VERT_MERGE = 0xd62b;
const SPRM_P_CHG_TABS = 0xc615;

/** Operand sizes by spra ([MS-DOC] 2.2.5.1); 6 is variable. */
const OPERAND_SIZE = [1, 1, 2, 4, 2, 2, -1, 3];

/**
 * Paragraph properties by the position of the paragraph mark, through the bin table
 * (PlcBtePapx) and its formatted disk pages (PapxFkp, 512 bytes each) in the WordDocument stream.
 */
export function paragraphPropsReader(file: WordFile): (fcMark: number) => ParagraphProps {
  const { fc, lcb } = file.fcLcb(FC_PLCF_BTE_PAPX);
  const plc = file.table.subarray(fc, fc + lcb);
  const n = lcb >= 8 ? (lcb - 4) / 8 : 0;
  const pages: Array<{ fcStart: number; fcEnd: number; pn: number }> = [];
  if (Number.isInteger(n) && plc.length === lcb) {
    for (let i = 0; i < n; i++) pages.push({ fcStart: plc.readUInt32LE(i * 4), fcEnd: plc.readUInt32LE((i + 1) * 4), pn: plc.readUInt32LE((n + 1) * 4 + i * 4) & 0x3fffff });
  }
  const cache = new Map<number, ParagraphProps>();
  return (fcMark) => {
    const page = pages.find((p) => fcMark >= p.fcStart && fcMark < p.fcEnd);
    const grpprl = page ? papxIn(file, page.pn * 512, fcMark) : null;
    if (!grpprl) return { istd: 0, inTable: false, rowEnd: false, depth: 0 };
    const key = grpprl.byteOffset;
    if (!cache.has(key)) cache.set(key, readProps(file, grpprl));
    return cache.get(key)!;
  };
}

/** The GrpPrlAndIstd of the paragraph whose mark is at fcMark, in the FKP at `at`. */
function papxIn(file: WordFile, at: number, fcMark: number): Buffer | null {
  const fkp = file.main.subarray(at, at + 512);
  if (fkp.length < 512) return null;
  const crun = fkp[511]!;
  for (let i = 0; i < crun; i++) {
    if (fcMark < fkp.readUInt32LE(i * 4) || fcMark >= fkp.readUInt32LE((i + 1) * 4)) continue;
    const offset = fkp[(crun + 1) * 4 + i * 13]! * 2;
    if (offset === 0) return null;
    let cb = fkp[offset]!;
    let start = offset + 1;
    if (cb === 0) {
      cb = fkp[offset + 1]! * 2;
      start++;
    } else cb = cb * 2 - 1;
    return fkp.subarray(start, Math.min(start + cb, 511));
  }
  return null;
}

function readProps(file: WordFile, papx: Buffer): ParagraphProps {
  const props: ParagraphProps = { istd: papx.length >= 2 ? papx.readUInt16LE(0) : 0, inTable: false, rowEnd: false, depth: 0 };
  const apply = (grpprl: Buffer) => {
    for (const { sprm, operand } of sprms(grpprl)) {
      if (sprm === SPRM_P_F_IN_TABLE) props.inTable = operand[0] === 1;
      else if (sprm === SPRM_P_F_TTP) props.rowEnd = operand[0] === 1;
      else if (sprm === SPRM_P_ITAP && operand.length >= 4) props.depth = operand.readInt32LE(0);
      else if (sprm === SPRM_P_F_INNER_TTP && operand[0] === 1) props.depth = Math.max(props.depth, 2);
      else if (sprm === SPRM_T_DEF_TABLE) props.row = rowDef(operand);
      else if (sprm === SPRM_T_VERT_MERGE && props.row && operand.length >= 3) {
        const cell = props.row.cells[operand[1]!];
        if (cell) cell.vertMerge = operand[2]!;
      } else if (sprm === SPRM_P_HUGE_PAPX && operand.length >= 4) {
        // Properties too large for the page live in the Data stream (PrcData: size, grpprl).
        const at = operand.readUInt32LE(0);
        if (at + 2 <= file.data.length) apply(file.data.subarray(at + 2, at + 2 + file.data.readUInt16LE(at)));
      }
    }
  };
  apply(papx.subarray(2));
  if (props.depth === 0 && props.inTable) props.depth = 1;
  return props;
}

function* sprms(grpprl: Buffer): Generator<{ sprm: number; operand: Buffer }> {
  let at = 0;
  while (at + 2 <= grpprl.length) {
    const sprm = grpprl.readUInt16LE(at);
    at += 2;
    let size = OPERAND_SIZE[(sprm >> 13) & 7]!;
    if (size < 0) {
      if (sprm === SPRM_T_DEF_TABLE) {
        // TDefTableOperand: cb (2 bytes) counts the bytes after it, plus one.
        if (at + 2 > grpprl.length) return;
        size = grpprl.readUInt16LE(at) + 1;
      } else if (sprm === SPRM_P_CHG_TABS && grpprl[at] === 255) return; // rare long form: stop here
      else size = (grpprl[at] ?? 0) + 1;
    }
    if (at + size > grpprl.length) return;
    yield { sprm, operand: grpprl.subarray(at, at + size) };
    at += size;
  }
}

function rowDef(operand: Buffer): RowDef {
  const itcMac = operand[2] ?? 0;
  const boundaries: number[] = [];
  for (let i = 0; i <= itcMac && 3 + i * 2 + 2 <= operand.length; i++) boundaries.push(operand.readInt16LE(3 + i * 2));
  const cells: RowDef['cells'] = [];
  const tcAt = 3 + (itcMac + 1) * 2;
  for (let i = 0; i < itcMac; i++) {
    const at = tcAt + i * 20;
    const grf = at + 2 <= operand.length ? operand.readUInt16LE(at) : 0;
    cells.push({ horzMerge: grf & 0x3, vertMerge: (grf >> 5) & 0x3 });
  }
  return { boundaries, cells };
}
