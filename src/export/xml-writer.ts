// The one way export writes XML: every text and attribute value passes
// through escapeXml, every CDATA section through cdata. Elements hold either
// other elements (written one per line, indented) or text.

/** Characters XML 1.0 cannot hold at all, not even as a character reference. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A text that XML cannot hold (a control character, a lone surrogate), named by its code point. */
export class NotXmlText extends Error {}

function refuseNonXml(text: string): void {
  const bad = NOT_XML.exec(text);
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new NotXmlText(`U+${code} cannot be written in XML (in "${text.slice(0, 60)}")`);
  }
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text or an attribute value as XML: & < > " ' as entities; a character XML cannot hold is an error. */
export function escapeXml(text: string): string {
  refuseNonXml(text);
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A CDATA section holding the text as it is; a `]]>` inside is split across two sections. */
export function cdata(text: string): string {
  refuseNonXml(text);
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

export interface XmlElement {
  name: string;
  attributes: Readonly<Record<string, string | number>>;
  children: readonly XmlChild[];
}

/** Text (escaped when written), a CDATA section, or an element. */
export type XmlChild = string | { cdata: string } | XmlElement;

export function element(name: string, attributes: Readonly<Record<string, string | number>> = {}, ...children: XmlChild[]): XmlElement {
  return { name, attributes, children };
}

const isElement = (child: XmlChild): child is XmlElement => typeof child === 'object' && 'name' in child;

function write(node: XmlElement, indent: string): string {
  const attributes = Object.entries(node.attributes)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join('');
  if (node.children.length === 0) return `${indent}<${node.name}${attributes}/>`;
  if (node.children.every(isElement)) {
    const inner = node.children.map((child) => write(child as XmlElement, `${indent}  `)).join('\n');
    return `${indent}<${node.name}${attributes}>\n${inner}\n${indent}</${node.name}>`;
  }
  if (node.children.some(isElement)) throw new Error(`<${node.name}>: mixed text and elements are not written by this writer`);
  const text = node.children.map((child) => (typeof child === 'string' ? escapeXml(child) : cdata((child as { cdata: string }).cdata))).join('');
  return `${indent}<${node.name}${attributes}>${text}</${node.name}>`;
}

/** A whole UTF-8 XML document. */
export function xmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${write(root, '')}\n`;
}
