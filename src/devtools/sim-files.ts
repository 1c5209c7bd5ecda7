import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Files the simulator shows and saves: what the bot sent into a chat, kept under DATA_DIR. */

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Writes `data` under `dir` without overwriting: `name.png`, `name-1.png`, … */
export async function saveFile(dir: string, filename: string, data: Buffer): Promise<string> {
  await mkdir(dir, { recursive: true });
  const safe =
    Array.from(path.basename(filename), (ch) =>
      ch.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(ch) ? '_' : ch,
    ).join('') || 'file';
  const ext = path.extname(safe);
  const stem = safe.slice(0, safe.length - ext.length);
  for (let n = 0; ; n++) {
    const candidate = path.join(dir, n === 0 ? safe : `${stem}-${n}${ext}`);
    try {
      await writeFile(candidate, data, { flag: 'wx' });
      return candidate;
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'EEXIST' || n > 1000) throw err;
    }
  }
}
