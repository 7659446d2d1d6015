import type { Feature } from './types';
import { feature as catalog } from './catalog';
import { feature as cases } from './cases';
import { feature as hotline } from './hotline';
import { feature as inspection } from './inspection';
import { feature as account } from './account';
import { feature as windowDesk } from './window';
import { feature as evaluation } from './evaluation';
import { feature as supervision } from './supervision';
import { feature as appointments } from './appointments';
import { feature as dataExchange } from './data-exchange';
import { feature as credit } from './credit';
import { feature as payments } from './payments';
import { feature as delivery } from './delivery';
import { feature as lifeEvents } from './life-events';
import { feature as inbox } from './inbox';
import catalogZh from './catalog/i18n/zh-CN.json';
import type catalogPortalZh from './catalog/i18n/portal.zh-CN.json';
import type catalogWorkbenchZh from './catalog/i18n/workbench.zh-CN.json';
import casesZh from './cases/i18n/zh-CN.json';
import type casesPagesZh from './cases/i18n/pages.zh-CN.json';
import hotlineZh from './hotline/i18n/zh-CN.json';
import type hotlinePagesZh from './hotline/i18n/pages.zh-CN.json';
import inspectionZh from './inspection/i18n/zh-CN.json';
import accountZh from './account/i18n/zh-CN.json';
import windowZh from './window/i18n/zh-CN.json';
import evaluationZh from './evaluation/i18n/zh-CN.json';
import supervisionZh from './supervision/i18n/zh-CN.json';
import type supervisionPagesZh from './supervision/i18n/pages.zh-CN.json';
import supervisionRulesZh from './supervision/i18n/rules.zh-CN.json';
import dataExchangeZh from './data-exchange/i18n/zh-CN.json';
import appointmentsZh from './appointments/i18n/zh-CN.json';
import creditZh from './credit/i18n/zh-CN.json';
import paymentsZh from './payments/i18n/zh-CN.json';
import deliveryZh from './delivery/i18n/zh-CN.json';
import lifeEventsZh from './life-events/i18n/zh-CN.json';
import inboxZh from './inbox/i18n/zh-CN.json';

export const features: Feature[] = [
  inbox,
  catalog,
  cases,
  hotline,
  inspection,
  account,
  windowDesk,
  supervision,
  evaluation,
  dataExchange,
  credit,
  appointments,
  payments,
  delivery,
  lifeEvents,
];

/** Each feature's messages live beside it; zh-CN is bundled, English is fetched on first switch. */
export const featureMessagesZh = {
  ...catalogZh,
  ...casesZh,
  ...hotlineZh,
  ...inspectionZh,
  ...accountZh,
  ...windowZh,
  ...supervisionZh,
  ...supervisionRulesZh,
  ...evaluationZh,
  ...dataExchangeZh,
  ...creditZh,
  ...appointmentsZh,
  ...paymentsZh,
  ...deliveryZh,
  ...lifeEventsZh,
  ...inboxZh,
};
export type FeatureMessages = typeof catalogZh &
  typeof catalogPortalZh &
  typeof catalogWorkbenchZh &
  typeof casesPagesZh &
  typeof hotlineZh &
  typeof hotlinePagesZh &
  typeof inspectionZh &
  typeof accountZh &
  typeof windowZh &
  typeof supervisionPagesZh &
  typeof supervisionRulesZh &
  typeof evaluationZh &
  typeof dataExchangeZh &
  typeof creditZh &
  typeof appointmentsZh &
  typeof paymentsZh &
  typeof deliveryZh &
  typeof lifeEventsZh &
  typeof inboxZh;

export async function featureMessagesEn(): Promise<Record<string, unknown>> {
  const parts = await Promise.all([
    import('./catalog/i18n/en.json'),
    import('./cases/i18n/en.json'),
    import('./hotline/i18n/en.json'),
    import('./inspection/i18n/en.json'),
    import('./account/i18n/en.json'),
    import('./window/i18n/en.json'),
    import('./evaluation/i18n/en.json'),
    import('./supervision/i18n/en.json'),
    import('./supervision/i18n/rules.en.json'),
    import('./data-exchange/i18n/en.json'),
    import('./appointments/i18n/en.json'),
    import('./credit/i18n/en.json'),
    import('./payments/i18n/en.json'),
    import('./delivery/i18n/en.json'),
    import('./life-events/i18n/en.json'),
    import('./inbox/i18n/en.json'),
  ]);
  return Object.assign({}, ...parts.map((p) => p.default));
}
