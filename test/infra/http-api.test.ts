/** The HTTP API: routes to their functions, the JWT authorizer on `jwt` routes, CORS, the `$default` stage. */
import { resourcesTopology } from '../fixtures/resources-topology';
import { getAtt, logicalId, propertiesOf, synth } from '../support/template';

const { stack, template } = synth(resourcesTopology);

const apiRef = () => ({ Ref: logicalId(stack, stack.api!.api) });

/** Route key → its properties. */
function routes(): Record<string, { AuthorizationType: string; AuthorizerId?: unknown; Target: unknown }> {
  return Object.fromEntries(
    Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => [
      r.Properties.RouteKey,
      r.Properties,
    ]),
  );
}

/** The integration a route's `Target` (`integrations/<id>`) points to. */
function integrationOf(target: unknown) {
  const id = (target as { 'Fn::Join': [string, [string, { Ref: string }]] })['Fn::Join'][1][1].Ref;
  return template.toJSON().Resources[id].Properties;
}

describe('HTTP API', () => {
  it('checks bearer tokens against the spec issuer and audience', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      ApiId: apiRef(),
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: 'https://auth.example.com', Audience: ['lectern-app'] },
    });
  });

  it('puts the JWT authorizer on jwt routes only', () => {
    const [authorizerId] = Object.keys(template.findResources('AWS::ApiGatewayV2::Authorizer'));
    const { 'GET /videos/{id}': videos, 'POST /webhooks/stripe': webhook } = routes();

    expect([videos.AuthorizationType, videos.AuthorizerId]).toEqual(['JWT', { Ref: authorizerId }]);
    expect([webhook.AuthorizationType, webhook.AuthorizerId]).toEqual(['NONE', undefined]);
  });

  it('sends each route to its function with payload format 2.0', () => {
    const byRoute = Object.fromEntries(
      Object.entries(routes()).map(([key, route]) => {
        const integration = integrationOf(route.Target);
        return [key, [integration.IntegrationUri, integration.PayloadFormatVersion]];
      }),
    );

    expect(byRoute).toEqual({
      'POST /webhooks/stripe': [getAtt(stack, stack.functions.get('webhook')!, 'Arn'), '2.0'],
      'GET /videos/{id}': [getAtt(stack, stack.functions.get('uploads')!, 'Arn'), '2.0'],
    });
  });

  it("answers browsers' preflight requests from the spec origins", () => {
    expect(propertiesOf(template, stack, stack.api!.api).CorsConfiguration).toEqual({
      AllowOrigins: ['https://app.example.com'],
      AllowMethods: ['*'],
      AllowHeaders: ['authorization', 'content-type'],
    });
  });

  it('serves from the $default stage, deployed on every change', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      ApiId: apiRef(),
      StageName: '$default',
      AutoDeploy: true,
    });
  });
});
