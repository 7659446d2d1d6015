import type { Ctx } from '../../platform/context.ts';
import { shanghaiDate } from '../../platform/calendar/engine.ts';

/** The moment the service records as now: the context's clock when set (tests, the demo seed), else the real one. */
export const nowOf = (ctx: Ctx): Date => ctx.now?.() ?? new Date();

/** Today in the city (Asia/Shanghai), by the same clock. */
export const todayOf = (ctx: Ctx): string => shanghaiDate(nowOf(ctx));
