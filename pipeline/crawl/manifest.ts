import { appendFile, readFile } from 'node:fs/promises';
import { ManifestRecordSchema, type ManifestRecord } from '../../schemas/manifest';
import { writeAtomic } from '../output/write-dataset';


/**
 * The manifest as JSON lines, one appended per request outcome, so a crawl killed at any
 * point has recorded everything it finished; the latest line of a URL wins. Compacted to one
 * line per URL when a run ends, so it does not grow with every rerun.
 */
export class Manifest {
  private readonly latest = new Map<string, ManifestRecord>();
  private tail: Promise<void> = Promise.resolve();

  private constructor(private readonly path: string) {}

  static async open(path: string): Promise<Manifest> {
    const manifest = new Manifest(path);
    const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return '';
      throw err;
    });
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        continue; // A line torn by a crash: the request it recorded is simply made again.
      }
      const record = ManifestRecordSchema.safeParse(json);
      if (record.success) manifest.latest.set(record.data.url, record.data);
    }
    // A torn last line must not swallow the first line appended after it.
    if (text.length > 0 && !text.endsWith('\n')) await appendFile(path, '\n');
    return manifest;
  }

  get(url: string): ManifestRecord | undefined {
    return this.latest.get(url);
  }

  /** Latest record per URL, in the order URLs were first seen. */
  records(): ManifestRecord[] {
    return [...this.latest.values()];
  }

  /** Records the outcome; resolves once the line is in the file. Appends are serialised. */
  append(record: ManifestRecord): Promise<void> {
    const line = `${JSON.stringify(ManifestRecordSchema.parse(record))}\n`;
    this.latest.set(record.url, record);
    this.tail = this.tail.then(() => appendFile(this.path, line));
    return this.tail;
  }

  /** One line per URL, written atomically: readers see the old file or the new one. */
  async compact(): Promise<void> {
    await this.tail;
    await writeAtomic(this.path, this.records().map((r) => `${JSON.stringify(r)}\n`).join(''));
  }
}
