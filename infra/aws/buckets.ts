/** One S3 bucket per `BucketSpec`: private, encrypted, TLS only, optionally announcing objects on EventBridge. */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { BucketSpec } from '../topology';

export interface BucketsProps {
  specs: BucketSpec[];
}

/** The topology's buckets, by name. */
export class Buckets extends Construct {
  readonly byName: ReadonlyMap<string, s3.Bucket>;

  constructor(scope: Construct, id: string, props: BucketsProps) {
    super(scope, id);
    this.byName = new Map(props.specs.map((spec) => [spec.name, this.create(spec)]));
  }

  private create(spec: BucketSpec): s3.Bucket {
    return new s3.Bucket(this, spec.name, {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      eventBridgeEnabled: spec.eventBridge === true,
      cors: spec.corsOrigins && [
        {
          allowedOrigins: spec.corsOrigins,
          // Presigned uploads (PUT) and playback (GET, and HEAD before ranged GETs).
          allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET, s3.HttpMethods.HEAD],
          // A presigned PUT carries the Content-Type (and checksum headers) it was signed with.
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag'],
          maxAge: Duration.hours(1).toSeconds(),
        },
      ],
      // Uploaded videos and their renditions are the course's content.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
