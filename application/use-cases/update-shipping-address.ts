import type { ResultAsync } from 'neverthrow';
import { z } from 'zod';
import type { Order } from '#domain/order/order.ts';
import { ShippingAddress } from '#domain/shared/address.ts';
import { parseWith } from '#domain/shared/validation.ts';
import type { CommandContext } from '../context.ts';
import type { AppError } from '../errors.ts';
import { type ChangeOrderDeps, changeOrder } from './change-order.ts';

export const UpdateShippingAddressInput = z.strictObject({ shippingAddress: ShippingAddress.strict() });

export type UpdateShippingAddress = (
  orderId: string,
  input: unknown,
  ctx: CommandContext,
) => ResultAsync<Order, AppError>;

/** Only before confirmation; a confirmed or cancelled order is OrderNotEditable. */
export const createUpdateShippingAddress =
  (deps: ChangeOrderDeps): UpdateShippingAddress =>
  (orderId, input, ctx) =>
    parseWith(UpdateShippingAddressInput)(input).asyncAndThen(({ shippingAddress }) =>
      changeOrder(deps)(orderId, () => ({ type: 'ChangeShippingAddress', shippingAddress }), ctx, ctx.actor),
    );
