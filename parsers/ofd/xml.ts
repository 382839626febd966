import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

/**
 * OFD parts are namespaced XML whose prefix varies by producer (`ofd:Page`, `Page`, another
 * prefix bound to the same namespace): elements are matched by local name only.
 */
export const localName = (el: Element) => el.name.replace(/^.*:/, '');

const isElement = (node: AnyNode): node is Element => node.type === 'tag';

/** The root element of an XML part, or undefined when the text holds none. */
export function parseXml(xml: string): Element | undefined {
  const $ = cheerio.load(xml.replace(/^\ufeff/, ''), { xml: true });
  return $.root()[0]!.children.find(isElement);
}

export const childElements = (el: Element, name?: string): Element[] =>
  el.children.filter(isElement).filter((c) => name === undefined || localName(c) === name);

export const child = (el: Element, name: string): Element | undefined => childElements(el, name)[0];

/** The text of an element (entities decoded by the parser). */
export const textOf = (el: Element | undefined): string =>
  el === undefined ? '' : el.children.map((c) => (c.type === 'text' ? c.data : isElement(c) ? textOf(c) : '')).join('');

/** Walks a path of child names from `el`: `path(doc, 'CommonData', 'PageArea')`. */
export function path(el: Element | undefined, ...names: string[]): Element | undefined {
  let at = el;
  for (const name of names) at = at && child(at, name);
  return at;
}

/** Whitespace-separated numbers of an attribute or element (`Boundary`, `CTM`, `PhysicalBox`). */
export function numbers(value: string | undefined): number[] {
  if (value === undefined) return [];
  return value
    .trim()
    .split(/[\s,]+/)
    .filter((t) => t !== '')
    .map(Number)
    .filter(Number.isFinite);
}
