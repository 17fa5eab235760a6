import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { printAST } from '@formatjs/icu-messageformat-parser/printer.js';

// Every ASCII letter has an accented twin, so a pseudo-localised screen shows at a glance
// (and a test finds by script) any text that did not come through the catalog.
const ACCENTED: Record<string, string> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c, i) => [
    c,
    [...'àƀçđéƒĝĥîĵķĺɱñöþǫŕšţûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'][i]!,
  ]),
);
const accent = (text: string) => [...text].map((c) => ACCENTED[c] ?? c).join('');

/** Text of the message that a reader sees, for the length of the padding. */
function literalLength(elements: MessageFormatElement[]): number {
  let n = 0;
  for (const el of elements) {
    if (el.type === TYPE.literal) n += el.value.length;
    else if (el.type === TYPE.tag) n += literalLength(el.children);
    else if (el.type === TYPE.plural || el.type === TYPE.select) {
      n += Math.max(0, ...Object.values(el.options).map((o) => literalLength(o.value)));
    } else n += 4;
  }
  return n;
}

function transform(elements: MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((el) => {
    if (el.type === TYPE.literal) return { ...el, value: accent(el.value) };
    if (el.type === TYPE.tag) return { ...el, children: transform(el.children) };
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      const options = Object.fromEntries(
        Object.entries(el.options).map(([k, o]) => [k, { ...o, value: transform(o.value) }]),
      );
      return { ...el, options };
    }
    return el;
  });
}

const FILLER = 'ŀōŕēɱ ĩƥšũɱ ďōĺōŕ šĩţ àɱēţ ćōńšēćţēţũŕ àďĩƥĩšćĩńĝ ēĺĩţ ';
const filler = (length: number) =>
  FILLER.repeat(Math.ceil(length / FILLER.length))
    .slice(0, length)
    .trim();

/**
 * The pseudo form of one ICU message: letters accented, placeholders, plurals and tags
 * kept, and ~40 % more text, between ⟦ and ⟧ so a cut-off end shows.
 */
export function pseudoMessage(message: string): string {
  return printAST(pseudoTree(message));
}

/** The pseudo form of a message already parsed (the build ships English as trees). */
export function pseudoTree(message: string | MessageFormatElement[]): MessageFormatElement[] {
  const ast = typeof message === 'string' ? parse(message) : message;
  const extra = Math.ceil(literalLength(ast) * 0.4);
  const padding = extra > 0 ? ` ${filler(extra)}` : '';
  return [
    { type: TYPE.literal, value: '⟦' },
    ...transform(ast),
    { type: TYPE.literal, value: `${padding}⟧` },
  ];
}

/** The pseudo-locale's catalog, generated from English (syntax trees, ready to format). */
export function pseudoCatalog(
  en: Readonly<Record<string, string | MessageFormatElement[]>>,
): Record<string, MessageFormatElement[]> {
  return Object.fromEntries(Object.entries(en).map(([k, m]) => [k, pseudoTree(m)]));
}
