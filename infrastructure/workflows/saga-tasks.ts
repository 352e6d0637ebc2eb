import type { Container } from 'inversify';
import { okAsync } from 'neverthrow';
import { sagaTask } from '#adapters/lambda/sfn/saga-task.ts';
import { TOKENS } from '../container/tokens.ts';

/**
 * The saga's task functions by name (`${ReserveStockArn}` → `reserve-stock`): in AWS one Lambda each,
 * locally the same adapters called by the interpreter. Each is a thin adapter over one use case.
 */
export const sagaTaskFunctions = (c: Container) => ({
  'reserve-stock': sagaTask(({ orderId }, ctx) => c.get(TOKENS.reserveStock)({ orderId }, ctx)),
  'authorize-payment': sagaTask(({ orderId }, ctx) => c.get(TOKENS.authorizePayment)({ orderId }, ctx)),
  'request-approval': sagaTask(({ orderId, taskToken }, ctx) =>
    c.get(TOKENS.requestApproval)({ orderId, ...(taskToken && { taskToken }) }, ctx),
  ),
  'capture-payment': sagaTask(({ orderId }, ctx) => c.get(TOKENS.capturePayment)({ orderId }, ctx)),
  'confirm-order': sagaTask(({ orderId }, ctx) => c.get(TOKENS.confirmOrder)({ orderId }, ctx)),
  'refund-payment': sagaTask(({ orderId }, ctx) => c.get(TOKENS.refundPayment)({ orderId }, ctx)),
  'void-payment': sagaTask(({ orderId }, ctx) => c.get(TOKENS.voidPayment)({ orderId }, ctx)),
  'release-stock': sagaTask(({ orderId }, ctx) => c.get(TOKENS.releaseStock)({ orderId }, ctx)),
  'cancel-order': sagaTask(({ orderId, reason }, ctx) =>
    reason ? c.get(TOKENS.cancelOrder)({ orderId, reason }, ctx) : okAsync(undefined),
  ),
});
export type SagaTaskName = keyof ReturnType<typeof sagaTaskFunctions>;
