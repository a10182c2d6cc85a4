import { XMLValidator, type XMLParser } from 'fast-xml-parser';

/**
 * An XML file's text as the parser's objects, or why it cannot be read, in words that hold none
 * of its text: the validator's own messages quote tags and characters of the file, so only
 * their code and place are kept.
 * @example readXml('<a>', new XMLParser()) // { problem: 'is not valid XML (line 1, column 1: …)' }
 */
export function readXml(text: string, parser: XMLParser): { json: unknown } | { problem: string } {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { code, line, col } = valid.err;
    return { problem: `is not valid XML (line ${line}, column ${col}: ${code.replace(/^Invalid/, 'invalid ').toLowerCase()})` };
  }
  try {
    return { json: parser.parse(text) as unknown };
  } catch {
    return { problem: 'could not be read as XML (it may declare external entities)' };
  }
}
