import { readFileSync } from 'node:fs';
import { type Document, LineCounter, type Node as YamlNode, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { InputError } from './errors.js';

/** A YAML value with numbers kept as their source text ("0.10", "1e-6"), never as floats. */
export type Plain = string | boolean | null | Plain[] | { [key: string]: Plain };
export type FieldPath = readonly (string | number)[];

/** A parsed YAML file that can say on which line any field stands. */
export class YamlSource {
  readonly root: Plain;
  private readonly doc: Document;
  private readonly lines = new LineCounter();

  constructor(readonly file: string, text: string) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false });
    const first = this.doc.errors[0];
    if (first) {
      const line = this.lines.linePos(first.pos[0]).line;
      throw InputError.at({ file, line }, `not valid YAML: ${first.message.split('\n')[0]}`);
    }
    this.root = toPlain(this.doc.contents);
  }

  static read(file: string): YamlSource {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw InputError.unreadable(file, error);
    }
    return new YamlSource(file, text);
  }

  /**
   * The line of a field (its key's line, where a mapping holds it: `defaults:`
   * rather than the first line under it), or of its nearest parent that exists.
   */
  lineOf(path: FieldPath): number | undefined {
    for (let depth = path.length; depth >= 0; depth--) {
      const parent = this.doc.getIn(path.slice(0, depth - 1), true);
      if (depth > 0 && isMap(parent)) {
        const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === path[depth - 1]);
        if (pair && isScalar(pair.key) && pair.key.range) return this.lines.linePos(pair.key.range[0]).line;
      }
      const node = this.doc.getIn(path.slice(0, depth), true) as YamlNode | undefined;
      if (node && typeof node === 'object' && node.range) return this.lines.linePos(node.range[0]).line;
    }
    return undefined;
  }
}

function toPlain(node: unknown): Plain {
  if (node === null || node === undefined) return null;
  if (isScalar(node)) {
    const value = node.value;
    if (typeof value === 'number') return node.source ?? String(value);
    if (typeof value === 'boolean' || value === null) return value;
    return String(value);
  }
  if (isSeq(node)) return node.items.map(toPlain);
  if (isMap(node)) {
    const out: { [key: string]: Plain } = {};
    for (const item of node.items) {
      const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
      out[key] = toPlain(item.value);
    }
    return out;
  }
  return null;
}

/** Renders a field path as code reads it: problems[1].params.mode (0-based, the line number says which). */
export function fieldName(path: FieldPath): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}
