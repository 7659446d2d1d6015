import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { casePaymentRules } from './tables.ts';

export type PaymentRuleRow = typeof casePaymentRules.$inferSelect;
export type PaymentRuleStep = PaymentRuleRow['beforeStep'];

/** 缴费规则 per implementation (payment-wait.ts). */
export const paymentRuleRepo = {
  async get(db: Executor, implementationCode: string): Promise<PaymentRuleRow | undefined> {
    const [row] = await db.select().from(casePaymentRules).where(eq(casePaymentRules.implementationCode, implementationCode));
    return row;
  },
  async set(db: Executor, row: Omit<PaymentRuleRow, 'updatedAt'>) {
    const { implementationCode, ...rest } = row;
    await db
      .insert(casePaymentRules)
      .values(row)
      .onConflictDoUpdate({ target: casePaymentRules.implementationCode, set: { ...rest, updatedAt: new Date() } });
  },
  async delete(db: Executor, implementationCode: string): Promise<boolean> {
    const rows = await db.delete(casePaymentRules).where(eq(casePaymentRules.implementationCode, implementationCode)).returning();
    return rows.length > 0;
  },
};
