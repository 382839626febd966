import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';

/** CSS declarations, property → value, lower-case property names. */
export type Style = Map<string, string>;

/** Class rules of a page's style sheets, in the order they are written (the cascade's order). */
export interface ClassRules {
  styles: Map<string, Style>;
  order: Map<string, number>;
}

/**
 * The class rules of a page's style sheets. PDF-to-HTML converters position text with one class
 * per value (`.x1{left:85px}`, `.ft10{font-size:18px}`): only single-class selectors matter.
 */
export function classRules($: CheerioAPI): ClassRules {
  const styles = new Map<string, Style>();
  const order = new Map<string, number>();
  const css = $('style')
    .map((_, el) => $(el).text())
    .get()
    .join('\n')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/<!--|-->/g, '');
  // Rules inside @media blocks (print variants) are skipped: the screen layout is the page.
  const flat = css.replace(/@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}/g, '');
  for (const m of flat.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const decls = declarations(m[2]!);
    for (const selector of m[1]!.split(',').map((s) => s.trim())) {
      const cls = /^\.([\w-]+)$/.exec(selector)?.[1];
      if (!cls) continue;
      const style = styles.get(cls) ?? new Map<string, string>();
      for (const [k, v] of decls) style.set(k, v);
      styles.set(cls, style);
      order.set(cls, order.size);
    }
  }
  return { styles, order };
}

export function declarations(text: string): Style {
  const out: Style = new Map();
  for (const part of text.split(';')) {
    const at = part.indexOf(':');
    if (at > 0) out.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  return out;
}

/** An element's style: its classes' rules in style-sheet order (the cascade), then its inline style. */
export function styleOf(el: Element, rules: ClassRules): Style {
  const style: Style = new Map();
  const classes = (el.attribs.class ?? '').split(/\s+/).filter((c) => rules.styles.has(c));
  classes.sort((a, b) => rules.order.get(a)! - rules.order.get(b)!);
  for (const cls of classes) for (const [k, v] of rules.styles.get(cls)!) style.set(k, v);
  for (const [k, v] of declarations(el.attribs.style ?? '')) style.set(k, v);
  return style;
}

/** A length in CSS pixels (`12px`, `9pt`, a bare number); undefined for anything else. */
export function pixels(value: string | undefined): number | undefined {
  const m = /^(-?\d*\.?\d+(?:e-?\d+)?)(px|pt)?$/i.exec(value?.replace(/!important/, '').trim() ?? '');
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2]?.toLowerCase() === 'pt' ? (n * 4) / 3 : n;
}

/** The vertical scale of a CSS transform (`matrix(a,b,c,d,e,f)`, `scale(s)`, `scale(sx,sy)`); 1 without one. */
export function transformScale(style: Style): number {
  const value = style.get('transform') ?? style.get('-webkit-transform') ?? style.get('-ms-transform') ?? '';
  const matrix = /matrix\(([^)]*)\)/.exec(value);
  if (matrix) {
    const [, , c = 0, d = 1] = matrix[1]!.split(/[\s,]+/).map(Number);
    return Math.hypot(c, d) || 1;
  }
  const scale = /scale(?:y)?\(([^)]*)\)/i.exec(value);
  if (scale) {
    const parts = scale[1]!.split(/[\s,]+/).map(Number);
    return Math.abs(parts[parts.length - 1]!) || 1;
  }
  return 1;
}
