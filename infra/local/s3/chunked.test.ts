import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AwsChunkedDecoder } from './chunked';

/** Decodes `body`, fed in pieces of `piece` bytes. */
async function decode(
  body: string,
  piece = body.length,
): Promise<{ data: string; trailers: Record<string, string> }> {
  const decoder = new AwsChunkedDecoder();
  const chunks: Buffer[] = [];
  const pieces: Buffer[] = [];
  for (let i = 0; i < body.length; i += piece) pieces.push(Buffer.from(body.slice(i, i + piece)));
  await pipeline(
    Readable.from(pieces),
    decoder,
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    }),
  );
  return { data: Buffer.concat(chunks).toString(), trailers: decoder.trailers };
}

const SDK_BODY = '6\r\nhello \r\n5\r\nworld\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n';

describe('AwsChunkedDecoder', () => {
  it('decodes the body the SDK sends for a stream with ContentLength, and keeps its trailer', async () => {
    expect(await decode(SDK_BODY)).toEqual({
      data: 'hello world',
      trailers: { 'x-amz-checksum-crc32': 'DUoRhQ==' },
    });
  });

  it('decodes the same body split at every byte', async () => {
    expect(await decode(SDK_BODY, 1)).toEqual({
      data: 'hello world',
      trailers: { 'x-amz-checksum-crc32': 'DUoRhQ==' },
    });
  });

  it('accepts chunk extensions and a final chunk without trailers', async () => {
    expect((await decode('3;chunk-signature=abc\r\nabc\r\n0\r\n\r\n')).data).toBe('abc');
  });

  it('rejects a body that ends before the final chunk', async () => {
    await expect(decode('6\r\nhello ')).rejects.toMatchObject({ code: 'IncompleteBody' });
  });

  it('rejects a chunk longer than its size', async () => {
    await expect(decode('2\r\nabc\r\n0\r\n\r\n')).rejects.toMatchObject({ code: 'InvalidRequest' });
  });

  it('rejects a size that is not hexadecimal', async () => {
    await expect(decode('zz\r\nabc\r\n0\r\n\r\n')).rejects.toMatchObject({ code: 'InvalidRequest' });
  });
});
