/**
 * The HTTP API: one route per `RouteSpec`, each integrated with its function (payload 2.0);
 * `auth: 'jwt'` routes behind a JWT authorizer for the spec's issuer and audience; CORS for the
 * spec's origins; the `$default` stage, deployed on every change.
 */
import { Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { HttpApiSpec } from '../topology';
import { parseRoute } from './checks';
import { lookup } from './resources';

export interface HttpApiProps {
  /** Checked by `resolveTopology`: routes well formed and unique, functions known, a JWT config for `jwt` routes. */
  spec: HttpApiSpec;
  functions: ReadonlyMap<string, lambda.IFunction>;
}

/** The topology's HTTP API. */
export class HttpApi extends Construct {
  readonly api: apigwv2.HttpApi;
  /** The `$default` stage's URL, e.g. `https://abc123.execute-api.eu-west-1.amazonaws.com/`. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const { spec } = props;
    const routes = spec.routes.map((route) => ({ ...route, ...parseRoute(route.route) }));

    this.api = new apigwv2.HttpApi(this, 'Api', {
      apiName: `${Stack.of(this).stackName}-api`,
      description: 'Lectern: webhooks, sign-up and log-in, uploads and playback',
      // As the local runtime answers preflights (infra/local/apigateway/cors.ts): any method, these headers.
      corsPreflight: spec.corsOrigins && {
        allowOrigins: spec.corsOrigins,
        allowMethods: [apigwv2.CorsHttpMethod.ANY],
        allowHeaders: ['authorization', 'content-type'],
      },
    });
    this.url = this.api.url as string;

    const authorizer =
      spec.jwt && new HttpJwtAuthorizer('Jwt', spec.jwt.issuer, { jwtAudience: spec.jwt.audience });
    const integrations = new Map<string, HttpLambdaIntegration>();
    const integrationOf = (name: string): HttpLambdaIntegration => {
      let integration = integrations.get(name);
      if (integration === undefined) {
        integration = new HttpLambdaIntegration(`${name}Integration`, lookup(props.functions, name));
        integrations.set(name, integration);
      }
      return integration;
    };

    for (const route of routes) {
      this.api.addRoutes({
        path: route.path,
        methods: [apigwv2.HttpMethod[route.method]],
        integration: integrationOf(route.function),
        authorizer: route.auth === 'jwt' ? authorizer : undefined,
      });
    }
  }
}
