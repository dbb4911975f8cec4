/**
 * The CDK app (cdk.json points the `cdk` CLI here): `npm run synth` writes Lectern's
 * CloudFormation to `cdk.out`, offline and without credentials; `npm run deploy` deploys it.
 */
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { topology } from '../topology';
import { LecternStack } from './lectern-stack';
import { SECRET_ARN_CONTEXT } from './secrets';

// The CDK CLI sets CDK_OUTDIR; run directly (`tsx infra/aws/app.ts`), it writes to the repository's cdk.out.
const app = new App({ outdir: process.env.CDK_OUTDIR ?? path.resolve(__dirname, '..', '..', 'cdk.out') });
// No account or region: the template is environment-agnostic and the deployment picks its target.
// `-c lectern:secretArn=arn:…` reuses an existing secret (e.g. after a teardown) instead of creating one.
new LecternStack(app, 'Lectern', { topology, secretArn: app.node.tryGetContext(SECRET_ARN_CONTEXT) });
const assembly = app.synth();
for (const stack of assembly.stacks)
  console.log(`${stack.stackName}: ${path.relative(process.cwd(), stack.templateFullPath)}`);
