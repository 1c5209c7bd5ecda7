import mammoth from 'mammoth';

/**
 * The words of a .docx, one paragraph per line: what `check` reads from a file and `导入` from a
 * sent one. mammoth's raw text ends every paragraph with a blank line; collapsing those makes line
 * numbers count paragraphs, which is what a reader sees. Takes bytes, so it reads no files itself.
 * Throws when the bytes are not a readable .docx.
 */
export async function docxText(bytes: Buffer): Promise<string> {
  const { value } = await mammoth.extractRawText({ buffer: bytes });
  return value.replace(/\r\n/g, '\n').replace(/\n\n/g, '\n').replace(/\n$/, '');
}

/** A .docx (like every OOXML file) is a ZIP archive: it starts with `PK\x03\x04`. */
export function looksLikeDocx(bytes: Buffer): boolean {
  return bytes.length > 4 && bytes.readUInt32BE(0) === 0x504b0304;
}
