import type { ContainerModule } from 'inversify';
import { cancelOrderModule } from './use-cases/cancel-order.module.ts';
import { getOrderModule } from './use-cases/get-order.module.ts';
import { listOrdersModule } from './use-cases/list-orders.module.ts';
import { listProductsModule } from './use-cases/list-products.module.ts';
import { placeOrderModule } from './use-cases/place-order.module.ts';
import { recordApprovalDecisionModule } from './use-cases/record-approval-decision.module.ts';
import { sagaStepsModule } from './use-cases/saga-steps.module.ts';
import { updateShippingAddressModule } from './use-cases/update-shipping-address.module.ts';

/**
 * Every use case, each module binding its own from the ports some other module bound (memory, aws or local): the
 * local runtime and the tests load them all. A Lambda loads only the ones it serves (infrastructure/lambda/).
 */
export const useCaseModules: readonly ContainerModule[] = [
  placeOrderModule,
  getOrderModule,
  listOrdersModule,
  updateShippingAddressModule,
  cancelOrderModule,
  recordApprovalDecisionModule,
  listProductsModule,
  sagaStepsModule,
];
