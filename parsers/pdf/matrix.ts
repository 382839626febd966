/** A PDF transformation matrix [a b c d e f], as pdf.js and the content stream give it. */
export type Matrix = [number, number, number, number, number, number];
export const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
export const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/**
 * The box [x0, y0, x1, y1] of text set at (e, f) along the unit direction (ux, uy): `width` along
 * it, `height` up from it (a quarter turn anticlockwise), its four corners taken through `m`.
 * Called for every text item of a page: no arrays but the result.
 */
export function textBox(m: Matrix, e: number, f: number, ux: number, uy: number, width: number, height: number): [number, number, number, number] {
  const [ax, ay] = apply(m, e, f);
  const [bx, by] = apply(m, e + ux * width, f + uy * width);
  const [cx, cy] = apply(m, e - uy * height, f + ux * height);
  const [dx, dy] = apply(m, e + ux * width - uy * height, f + uy * width + ux * height);
  return [Math.min(ax, bx, cx, dx), Math.min(ay, by, cy, dy), Math.max(ax, bx, cx, dx), Math.max(ay, by, cy, dy)];
}

/** The pdf.js operators (their `OPS` numbers) that save, restore or change the current transformation matrix. */
export interface CtmOps {
  save: number;
  restore: number;
  transform: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
}

/**
 * Follows the current transformation matrix through an operator list: `step` takes each operator
 * and says whether it was one that saves, restores or changes the matrix (a form XObject's own
 * matrix applies inside it).
 */
export function ctmFollower(ops: CtmOps): { readonly ctm: Matrix; step(fn: number, args: unknown[]): boolean } {
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  return {
    get ctm() {
      return ctm;
    },
    step(fn, args) {
      if (fn === ops.save || fn === ops.paintFormXObjectBegin) stack.push(ctm);
      if (fn === ops.restore || fn === ops.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
      else if (fn === ops.transform) ctm = multiply(ctm, args as Matrix);
      else if (fn === ops.paintFormXObjectBegin && (Array.isArray(args[0]) || ArrayBuffer.isView(args[0]))) ctm = multiply(ctm, Array.from(args[0] as ArrayLike<number>) as Matrix);
      return fn === ops.save || fn === ops.restore || fn === ops.transform || fn === ops.paintFormXObjectBegin || fn === ops.paintFormXObjectEnd;
    },
  };
}
