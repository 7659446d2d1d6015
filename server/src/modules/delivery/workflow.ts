import { defineStateMachine } from '../../platform/workflow/index.ts';
import type { deliveryStatuses } from './tables.ts';

export type DeliveryStatus = (typeof deliveryStatuses)[number];
/** A carrier's or a clerk's report: the status it moves the order to. */
export const carrierSteps = ['collected', 'in_transit', 'out_for_delivery', 'signed', 'returned'] as const;
export type CarrierStep = (typeof carrierSteps)[number];
export type DeliveryAction = CarrierStep | 'hand_over';

/**
 * 寄递单 statuses. A posted order only moves forward; a step may be skipped (a carrier reports
 * 签收 before 派送 when an event is lost or arrives late), and a late older event is ignored by the
 * service, never applied backwards. A pickup ends only by the code at the window.
 */
export const deliveryMachine = defineStateMachine<DeliveryStatus, DeliveryAction>({
  created: { collected: 'collected', in_transit: 'in_transit', out_for_delivery: 'out_for_delivery', signed: 'signed', returned: 'returned' },
  collected: { in_transit: 'in_transit', out_for_delivery: 'out_for_delivery', signed: 'signed', returned: 'returned' },
  in_transit: { out_for_delivery: 'out_for_delivery', signed: 'signed', returned: 'returned' },
  out_for_delivery: { signed: 'signed', returned: 'returned' },
  signed: {},
  returned: {},
  awaiting_pickup: { hand_over: 'signed' },
});

/** Forward order of the posted statuses: an event of a rank not above the order's is stale. */
export const rankOf: Record<DeliveryStatus, number> = {
  created: 0,
  awaiting_pickup: 0,
  collected: 1,
  in_transit: 2,
  out_for_delivery: 3,
  signed: 4,
  returned: 4,
};
