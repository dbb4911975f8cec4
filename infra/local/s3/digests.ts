import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { crc32 } from 'node:zlib';
import { S3Error } from './errors';

/** The flexible checksums the local S3 verifies (the SDK's default is CRC32). */
export type ChecksumAlgorithm = 'crc32' | 'sha1' | 'sha256';

export interface DigestResults {
  size: number;
  md5: Buffer;
  checksums: Partial<Record<ChecksumAlgorithm, Buffer>>;
}

/**
 * A pass-through that counts the bytes and hashes them on the way to disk: MD5 always (the
 * ETag), and the checksums asked for. Fails (EntityTooLarge by default) past `maxSize`.
 */
export class Digests extends Transform {
  private size = 0;
  private readonly md5 = createHash('md5');
  private crc?: number;
  private readonly hashes: Partial<Record<'sha1' | 'sha256', Hash>> = {};

  constructor(
    private readonly maxSize: number,
    algorithms: Iterable<ChecksumAlgorithm>,
    private readonly tooLarge = entityTooLarge,
  ) {
    super();
    for (const algorithm of algorithms) {
      if (algorithm === 'crc32') this.crc = 0;
      else this.hashes[algorithm] = createHash(algorithm);
    }
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxSize) return done(this.tooLarge(this.size, this.maxSize));
    this.md5.update(chunk);
    if (this.crc !== undefined) this.crc = crc32(chunk, this.crc);
    for (const hash of Object.values(this.hashes)) hash.update(chunk);
    done(null, chunk);
  }

  /** Once the stream has ended. */
  results(): DigestResults {
    const checksums: DigestResults['checksums'] = {};
    if (this.crc !== undefined) {
      checksums.crc32 = Buffer.alloc(4);
      checksums.crc32.writeUInt32BE(this.crc >>> 0);
    }
    for (const [algorithm, hash] of Object.entries(this.hashes)) {
      checksums[algorithm as ChecksumAlgorithm] = hash.digest();
    }
    return { size: this.size, md5: this.md5.digest(), checksums };
  }
}

export const entityTooLarge = (proposed: number, max: number) =>
  new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, {
    ProposedSize: proposed,
    MaxSizeAllowed: max,
  });
