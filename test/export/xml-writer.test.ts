import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { NotXmlText, cdata, element, escapeXml, xmlDocument } from '../../src/export/xml-writer.js';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', cdataPropName: '#cdata', parseTagValue: false, trimValues: false });

describe('the XML writer', () => {
  it('escapes & < > " \' in text and attributes, and the parser reads the text back', () => {
    const text = `a<b>&c "d" 'e' ]]> ۱٫۵ ∂L/∂w`;
    expect(escapeXml(text)).toBe('a&lt;b&gt;&amp;c &quot;d&quot; &apos;e&apos; ]]&gt; ۱٫۵ ∂L/∂w');
    const xml = xmlDocument(element('root', { title: text }, element('text', {}, text)));
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = parser.parse(xml) as { root: { '@title': string; text: string } };
    expect(parsed.root['@title']).toBe(text);
    expect(parsed.root.text).toBe(text);
  });

  it('writes CDATA that holds any text, a ]]> inside included', () => {
    const html = '<p>x ]]> y & z</p>]]>';
    expect(cdata(html)).toBe('<![CDATA[<p>x ]]]]><![CDATA[> y & z</p>]]]]><![CDATA[>]]>');
    const xml = xmlDocument(element('root', {}, element('text', {}, { cdata: html })));
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = parser.parse(xml) as { root: { text: { '#cdata': string[] | string } } };
    const sections = parsed.root.text['#cdata'];
    expect(Array.isArray(sections) ? sections.join('') : sections).toBe(html);
  });

  it('refuses a character XML cannot hold, naming it', () => {
    expect(() => escapeXml('bell\u0007')).toThrow(NotXmlText);
    expect(() => escapeXml('bell\u0007')).toThrow(/U\+0007/);
    expect(() => cdata('\uD800 lone surrogate')).toThrow(/U\+D800/);
    expect(escapeXml('tab\tnewline\n')).toBe('tab\tnewline\n');
  });

  it('indents element-only content and writes empty elements short', () => {
    const xml = xmlDocument(element('a', { x: 1 }, element('b'), element('c', {}, 'text')));
    expect(xml).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<a x="1">\n  <b/>\n  <c>text</c>\n</a>\n');
  });
});
