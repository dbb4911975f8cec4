/** Step `RevokeEntitlement`: takes the purchase's grant back, or leaves a tombstone that stops it. */
import { documents } from '../shared/clients';
import { handlerOf } from '../shared/lambda';
import { resourceName } from '../shared/resources';
import { dynamoGrantStore } from './grant-store';
import { revokeEntitlement } from './grants';
import { RevokeEntitlementInput, stepInput } from './steps';
import { ENTITLEMENTS_TABLE } from './tables';

const store = dynamoGrantStore(documents, resourceName('table', ENTITLEMENTS_TABLE));

export const handler = handlerOf((event: unknown) =>
  revokeEntitlement(stepInput(RevokeEntitlementInput, event), store),
);
