/** Step `GrantEntitlement`: the course for the purchase, once per provider transaction. */
import { documents } from '../shared/clients';
import { handlerOf } from '../shared/lambda';
import { resourceName } from '../shared/resources';
import { dynamoGrantStore } from './grant-store';
import { grantEntitlement } from './grants';
import { GrantEntitlementInput, stepInput } from './steps';
import { ENTITLEMENTS_TABLE } from './tables';

const store = dynamoGrantStore(documents, resourceName('table', ENTITLEMENTS_TABLE));

export const handler = handlerOf((event: unknown) =>
  grantEntitlement(stepInput(GrantEntitlementInput, event), store),
);
