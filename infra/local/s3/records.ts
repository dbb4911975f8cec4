/** A bucket as stored. */
export interface BucketRecord {
  name: string;
  /** Epoch ms. */
  createdAt: number;
  /** Send `Object Created` / `Object Deleted` to the default bus. */
  eventBridge: boolean;
  /** Origins browsers may PUT and GET from (`*` for any); none means no CORS. */
  corsOrigins: string[];
}

/** The system headers S3 stores with an object and returns on GET/HEAD. */
export const STORED_HEADERS = [
  'content-type',
  'content-encoding',
  'content-disposition',
  'content-language',
  'cache-control',
  'expires',
] as const;

export type StoredHeader = (typeof STORED_HEADERS)[number];

/** An object's metadata; its bytes are in the blob store under `file`. */
export interface ObjectRecord {
  bucket: string;
  key: string;
  file: string;
  size: number;
  /** Hex MD5 of the bytes, without quotes. */
  etag: string;
  /** Epoch ms. */
  lastModified: number;
  headers: Partial<Record<StoredHeader, string>>;
  /** `x-amz-meta-*` without the prefix, names lower-cased. */
  metadata: Record<string, string>;
}
