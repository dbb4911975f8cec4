import { MediaConvertClient } from '@aws-sdk/client-mediaconvert';
import { S3Client } from '@aws-sdk/client-s3';
import { credentials } from '../../support/local';

export function mediaConvertClient(endpoint: string): MediaConvertClient {
  return new MediaConvertClient({ endpoint, region: 'us-east-1', credentials });
}

export function s3Client(endpoint: string): S3Client {
  return new S3Client({ endpoint, region: 'us-east-1', credentials, forcePathStyle: true });
}

export const ROLE = 'arn:aws:iam::000000000000:role/MediaConvert';
