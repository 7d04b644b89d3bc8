// A small, strict XML parser for tests (no dependency): enough to prove a JUnit file is
// well-formed XML and to walk its structure. Throws on anything not well-formed: unbalanced
// or mismatched tags, unquoted or duplicate attributes, a raw '<' or '&' in text, unknown
// entities, characters XML 1.0 forbids, content outside the one root element.
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][\w:.-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

function decode(s: string, where: string): string {
  if (s.includes('<')) throw new Error(`raw '<' in ${where}`);
  return s.replace(/&([^;]*);?/g, (m, name: string) => {
    if (!m.endsWith(';')) throw new Error(`unterminated entity in ${where}`);
    if (name in ENTITIES) return ENTITIES[name];
    const num = /^#(\d+)$/.exec(name) ?? /^#x([0-9a-fA-F]+)$/.exec(name);
    if (num) return String.fromCodePoint(parseInt(num[1], name.startsWith('#x') ? 16 : 10));
    throw new Error(`unknown entity &${name}; in ${where}`);
  });
}

export function parseXml(xml: string): XmlElement {
  if (FORBIDDEN.test(xml)) throw new Error('a character XML 1.0 forbids');
  let i = 0;
  const rest = () => xml.slice(i);
  const skipWs = () => {
    while (i < xml.length && /\s/.test(xml[i])) i++;
  };
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) throw new Error('unterminated XML declaration');
    i = end + 2;
  }
  skipWs();
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < xml.length) {
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i);
      if (end < 0) throw new Error('unterminated comment');
      i = end + 3;
    } else if (xml.startsWith('</', i)) {
      i += 2;
      const name = NAME.exec(rest())?.[0];
      const open = stack.pop();
      if (!name || !open || open.name !== name)
        throw new Error(`mismatched </${name}> (open: ${open?.name})`);
      i += name.length;
      skipWs();
      if (xml[i] !== '>') throw new Error(`bad closing tag </${name}`);
      i++;
      if (!stack.length) {
        skipWs();
        if (i < xml.length) throw new Error('content after the root element');
      }
    } else if (xml[i] === '<') {
      i++;
      const name = NAME.exec(rest())?.[0];
      if (!name) throw new Error(`bad tag at ${i}`);
      i += name.length;
      const el: XmlElement = { name, attrs: {}, children: [], text: '' };
      for (;;) {
        const before = i;
        skipWs();
        if (xml.startsWith('/>', i) || xml[i] === '>') break;
        if (i === before) throw new Error(`expected whitespace before an attribute in <${name}>`);
        const an = NAME.exec(rest())?.[0];
        if (!an) throw new Error(`bad attribute in <${name}>`);
        i += an.length;
        if (xml[i] !== '=' || (xml[i + 1] !== '"' && xml[i + 1] !== "'"))
          throw new Error(`attribute ${an} of <${name}> is not quoted`);
        const q = xml[i + 1];
        const end = xml.indexOf(q, i + 2);
        if (end < 0) throw new Error(`unterminated attribute ${an}`);
        if (an in el.attrs) throw new Error(`duplicate attribute ${an} in <${name}>`);
        el.attrs[an] = decode(xml.slice(i + 2, end), `attribute ${an}`);
        i = end + 1;
      }
      if (stack.length) stack[stack.length - 1].children.push(el);
      else if (root) throw new Error('a second root element');
      else root = el;
      if (xml.startsWith('/>', i)) {
        i += 2;
        if (!stack.length) {
          skipWs();
          if (i < xml.length) throw new Error('content after the root element');
        }
      } else {
        i++;
        stack.push(el);
      }
    } else {
      const end = xml.indexOf('<', i);
      const raw = xml.slice(i, end < 0 ? xml.length : end);
      if (!stack.length) throw new Error('text outside the root element');
      stack[stack.length - 1].text += decode(raw, `<${stack[stack.length - 1].name}>`);
      i += raw.length;
    }
  }
  if (stack.length) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  if (!root) throw new Error('no root element');
  return root;
}

/** Every descendant element with this name, in document order. */
export function elements(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) {
    if (c.name === name) out.push(c);
    out.push(...elements(c, name));
  }
  return out;
}
