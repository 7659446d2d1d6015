/**
 * Demo 一件事 application (docs/life-events.md): a working day ago `window.clerk` filed 新生儿出生 for
 * 张明 (citizen1) at the city service center (一窗受理: 出生医学证明办理 is not applied for online); the
 * 卫健委's 出生医学证明 child was accepted by `wjw.clerk` and waits for his review, the 出生登记, 医保参保
 * and 社保卡 children wait for it. 张明 sees it on 我的. Made through the real submit
 * (submitLifeEvent) and action (actOnCase), with the clock set back like the other demo cases.
 * Skipped when 张明 already has an application for it (a second seeding adds nothing).
 */
import { asActor, type Ctx } from '../../platform/context.ts';
import { getLifeEvent, type LifeEventDocument } from '../catalog/index.ts';
import { actorForUsername, demoIdNumber } from '../identity/index.ts';
import { submitLifeEvent } from './bundles.ts';
import { getBundle, listMyBundles } from './bundles-read.ts';
import { stagedDay } from './demo-cases.ts';
import { actOnCase, uploadMaterial } from './service.ts';

const pdf = (title: string) => Buffer.from(`%PDF-1.7\n% ${title}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);

/** The answers of the demo application, by the field's own key (a member's field is `member__field` in the combined form). */
const answers: Record<string, unknown> = {
  applicantName: '张明',
  contactPhone: '13800001111',
  contactAddress: '示范市明湖区湖滨街道湖滨路 8 号',
  remarks: '新生儿张小满，2026 年出生于示范市妇幼保健院',
};

/**
 * A complete 一件事 application for `doc`: every field of the combined form that `answers` answers by
 * its own key (a member's field is `member__field` there), and every asked material once — a
 * commitment where the guide allows one, else the one file `fileIdOf` gives for it. Tests use it too.
 */
export async function combinedApplication(doc: LifeEventDocument, answers: Record<string, unknown>, fileIdOf: (materialName: string) => Promise<string>) {
  const formData = Object.fromEntries(
    Object.keys(doc.combinedForm.schema.properties).flatMap((k) => {
      const field = k.split('__').at(-1)!;
      return field in answers ? [[k, answers[field]]] : [];
    }),
  );
  const materials = [];
  for (const m of doc.materials.filter((x) => x.asked))
    materials.push(
      m.provision === 'commitment' ? { name: m.name, fileIds: [] as string[], commitment: true } : { name: m.name, fileIds: [await fileIdOf(m.name)] },
    );
  return { formData, materials };
}

export const demoBundle = { code: 'newborn', username: 'citizen1', filedBy: 'window.clerk', acceptedBy: 'wjw.clerk' } as const;

export async function seedDemoBundle(ctx: Ctx): Promise<string | null> {
  const doc = await getLifeEvent(ctx, demoBundle.code).catch(() => null);
  if (!doc) return null;
  const day = stagedDay(ctx.calendar, ctx.calendar.today(), 1);
  const at = (time: string) => () => new Date(Math.min(new Date(`${day}T${time}:00+08:00`).getTime(), Date.now()));
  const me = asActor(ctx, await actorForUsername(ctx, demoBundle.username));
  if ((await listMyBundles(me)).some((b) => b.lifeEventCode === demoBundle.code)) return null;
  const clerk = { ...asActor(ctx, await actorForUsername(ctx, demoBundle.filedBy)), now: at('10:05') };
  const { formData, materials } = await combinedApplication(doc, answers, async (name) => (await uploadMaterial(clerk, pdf(name), `${name}.pdf`)).id);
  const applicant = { kind: 'person' as const, name: '张明', idNumber: demoIdNumber(0), phone: '13800001111' };
  const bundleNo = await submitLifeEvent(clerk, demoBundle.code, { formData, materials, delivery: 'electronic', applicant });
  const caseNo = (await getBundle(me, bundleNo)).members.find((m) => m.caseNo)?.caseNo;
  if (caseNo) await actOnCase({ ...asActor(ctx, await actorForUsername(ctx, demoBundle.acceptedBy)), now: at('14:20') }, caseNo, 'accept', {});
  return bundleNo;
}
