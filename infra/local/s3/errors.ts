import { AwsError } from '../http/aws-error';

/**
 * An S3 error: rendered as `<Error><Code>…</Code><Message>…</Message>…</Error>` with the extra
 * `fields` (e.g. `Key`, `BucketName`) the SDK copies onto the exception (aws-wire.md §8.2).
 */
export class S3Error extends AwsError {
  constructor(
    code: string,
    message: string,
    status = 400,
    readonly fields: Record<string, string | number> = {},
    /** Headers the error response carries (e.g. `Content-Range` on 416). */
    readonly headers: Record<string, string> = {},
  ) {
    super(code, message, status);
  }
}

export const noSuchBucket = (bucket: string) =>
  new S3Error('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket });

export const noSuchKey = (key: string) =>
  new S3Error('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });

export const accessDenied = (message = 'Access Denied') => new S3Error('AccessDenied', message, 403);

export const signatureDoesNotMatch = () =>
  new S3Error(
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    403,
  );

export const invalidRequest = (message: string) => new S3Error('InvalidRequest', message);

export const invalidArgument = (message: string, name: string, value: string) =>
  new S3Error('InvalidArgument', message, 400, { ArgumentName: name, ArgumentValue: value });

export const malformedXml = () =>
  new S3Error(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
  );
