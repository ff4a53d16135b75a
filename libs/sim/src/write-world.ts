import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SimSettings } from './settings';
import { WorldRun } from './world-run';

/** What `writeWorld` produced. */
export interface WrittenWorld {
  /** Lines written to events.ndjson: valid events, their verbatim duplicates and bad lines. */
  readonly events: number;
  readonly path: string;
  readonly truthPath: string;
}

const CHUNK_CHARS = 1 << 20;

/** Buffers lines into ~1 MB chunks and honours the stream's back-pressure between days. */
class ChunkedFile {
  private parts: string[] = [];
  private size = 0;
  private blocked = false;

  constructor(private readonly stream: WriteStream) {}

  add(line: string): void {
    this.parts.push(line);
    this.size += line.length + 1;
    if (this.size >= CHUNK_CHARS) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('\n') + '\n';
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(chunk)) this.blocked = true;
  }

  async drain(): Promise<void> {
    if (!this.blocked) return;
    this.blocked = false;
    await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(resolve);
    });
  }
}

/**
 * Streams the world to `outDir/events.ndjson` (one event per line) and writes
 * `outDir/truth.json`. Byte-identical to `simulateWorld(settings).lines` for the same settings.
 */
export async function writeWorld(
  settings: SimSettings,
  outDir: string,
  onProgress?: (done: number, total: number) => void,
): Promise<WrittenWorld> {
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, 'events.ndjson');
  const truthPath = join(outDir, 'truth.json');
  const file = new ChunkedFile(createWriteStream(path, { encoding: 'utf8' }));
  const run = new WorldRun(settings, (line) => file.add(line));
  for (let day = 0; day < run.days; day++) {
    run.runDay(day);
    await file.drain();
    onProgress?.(day + 1, run.days);
  }
  const truth = run.finish();
  await file.close();
  await writeFile(truthPath, JSON.stringify(truth, null, 2) + '\n', 'utf8');
  return { events: truth.counts.lines, path, truthPath };
}
