import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Object bytes as files: `<root>/objects/<name>`, names that are never reused. Bodies arrive in
 * `<root>/tmp/` and are renamed in once complete, so a crash never leaves half an object in place.
 * The root is `<dataDir>/s3`, or a temporary directory (removed on close) in memory mode:
 * MediaConvert runs ffmpeg on real files either way.
 */
export class BlobStore {
  private readonly objects: string;
  private readonly tmp: string;

  private constructor(
    readonly root: string,
    private readonly temporary: boolean,
  ) {
    this.objects = join(root, 'objects');
    this.tmp = join(root, 'tmp');
    // Uploads that were in flight when the process died.
    rmSync(this.tmp, { recursive: true, force: true });
    mkdirSync(this.objects, { recursive: true });
    mkdirSync(this.tmp, { recursive: true });
  }

  static open(dataDir: string | null): BlobStore {
    return dataDir
      ? new BlobStore(join(dataDir, 's3'), false)
      : new BlobStore(mkdtempSync(join(tmpdir(), 'lectern-s3-')), true);
  }

  /** A fresh path for a body being received. */
  tempFile(): string {
    return join(this.tmp, randomUUID());
  }

  /** Renames a complete temp file in; returns its object file name. */
  adopt(tempFile: string): string {
    const name = randomUUID();
    renameSync(tempFile, this.path(name));
    return name;
  }

  /** Moves a file from elsewhere in: renamed when on the same file system, else copied and removed. */
  adoptFrom(sourceFile: string): string {
    try {
      return this.adopt(sourceFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    }
    const temp = this.tempFile();
    copyFileSync(sourceFile, temp);
    const name = this.adopt(temp);
    rmSync(sourceFile, { force: true });
    return name;
  }

  path(name: string): string {
    return join(this.objects, name);
  }

  remove(name: string): void {
    rmSync(this.path(name), { force: true });
  }

  /**
   * Removes the files no object refers to: renamed in just before a crash, before their metadata
   * was committed, or replaced objects whose removal the crash cut short.
   */
  sweep(isReferenced: (name: string) => boolean): number {
    let removed = 0;
    for (const name of readdirSync(this.objects)) {
      if (isReferenced(name)) continue;
      this.remove(name);
      removed++;
    }
    return removed;
  }

  close(): void {
    if (this.temporary) rmSync(this.root, { recursive: true, force: true });
  }
}
