import { Transform, type TransformCallback } from 'node:stream';
import { S3Error } from './errors';

/** A chunk-size or trailer line longer than this is not aws-chunked. */
const MAX_LINE = 8 * 1024;

type State = 'size' | 'data' | 'data-end' | 'trailer' | 'done';

/**
 * Decodes an `aws-chunked` body (aws-wire.md §8.3): `<hex size>[;ext]\r\n<data>\r\n` … `0\r\n`,
 * trailer lines `name:value\r\n`, then an empty line. Passes the data through and keeps the
 * trailers (e.g. `x-amz-checksum-crc32`), readable once the stream has ended.
 */
export class AwsChunkedDecoder extends Transform {
  readonly trailers: Record<string, string> = {};
  private state: State = 'size';
  private remaining = 0;
  private partial: Buffer[] = [];
  private partialSize = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      this.consume(chunk);
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    done(this.state === 'done' ? null : incomplete());
  }

  private consume(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.state === 'data') {
        const n = Math.min(this.remaining, chunk.length - offset);
        this.push(chunk.subarray(offset, offset + n));
        offset += n;
        this.remaining -= n;
        if (this.remaining === 0) this.state = 'data-end';
        continue;
      }
      if (this.state === 'done') throw malformed('Data found after the final chunk');
      const newline = chunk.indexOf(0x0a, offset);
      const end = newline < 0 ? chunk.length : newline;
      this.partial.push(chunk.subarray(offset, end));
      this.partialSize += end - offset;
      if (this.partialSize > MAX_LINE) throw malformed('Chunk header too long');
      offset = end;
      if (newline < 0) break;
      offset += 1;
      const line = Buffer.concat(this.partial).toString('latin1');
      this.partial = [];
      this.partialSize = 0;
      if (!line.endsWith('\r')) throw malformed('Chunk lines must end in CRLF');
      this.line(line.slice(0, -1));
    }
  }

  private line(text: string): void {
    switch (this.state) {
      case 'size': {
        const match = /^([0-9a-fA-F]{1,16})(;.*)?$/.exec(text);
        if (!match) throw malformed('Invalid chunk size');
        this.remaining = parseInt(match[1], 16);
        this.state = this.remaining === 0 ? 'trailer' : 'data';
        return;
      }
      case 'data-end':
        if (text !== '') throw malformed('Chunk data longer than its size');
        this.state = 'size';
        return;
      case 'trailer': {
        if (text === '') {
          this.state = 'done';
          return;
        }
        const colon = text.indexOf(':');
        if (colon <= 0) throw malformed('Invalid trailer');
        this.trailers[text.slice(0, colon).trim().toLowerCase()] = text.slice(colon + 1).trim();
        return;
      }
      default:
        throw malformed('Unexpected chunk data');
    }
  }
}

const malformed = (detail: string) => new S3Error('InvalidRequest', `Malformed aws-chunked body: ${detail}.`);

export const incomplete = () =>
  new S3Error(
    'IncompleteBody',
    'You did not provide the number of bytes specified by the Content-Length HTTP header.',
  );
