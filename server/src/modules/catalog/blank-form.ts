import type { Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { genericApplicationForm, type ApplicationForm, type FormProperty } from '../../platform/forms/index.ts';
import { cjkFont, pdfmake } from '../../platform/pdf.ts';
import { findImplementation, findVersion } from './repository.ts';

/**
 * 空白表格: the published guide's application form as a blank A4 PDF to print and fill in by hand —
 * its fields in the form's order and groups, a box for each, the choices of a list with ☐, a table's
 * columns with empty rows, required fields marked *, and the applicant's signature and date. An item
 * without a form of its own gets the generic one the online application uses (genericApplicationForm).
 * Rendered on request from the published version (no file to keep in step).
 */
export interface BlankFormField {
  label: string;
  required: boolean;
  help?: string;
  /** Choices to tick (enum, boolean). */
  choices?: string[];
  /** Columns of a table field. */
  columns?: string[];
  lines: number;
}

export interface BlankFormGroup {
  label: string | null;
  fields: BlankFormField[];
}

function fieldOf(key: string, prop: FormProperty, form: ApplicationForm, required: boolean): BlankFormField {
  const hints = form.ui.fields[key];
  const label = hints?.label.zh ?? prop.title ?? key;
  const help = hints?.help?.zh;
  const base = { label, required, ...(help ? { help } : {}) };
  if (prop.type === 'boolean') return { ...base, choices: ['是', '否'], lines: 1 };
  if (prop.type === 'array') {
    const columns = Object.entries(prop.items.properties).map(([k, p]) => hints?.columns?.[k]?.label.zh ?? p.title ?? k);
    return { ...base, columns, lines: Math.min(Math.max(prop.minItems ?? 3, 3), 8) };
  }
  if (prop.enum) return { ...base, choices: prop.enum.map((v) => String(hints?.enumLabels?.[String(v)]?.zh ?? v)), lines: 1 };
  const long = hints?.widget === 'textarea' || (prop.type === 'string' && (prop.maxLength ?? 0) > 200);
  return { ...base, lines: long ? 4 : 1 };
}

/** The groups and fields of a form as printed (ungrouped fields first, then each group in its order). */
export function blankFormLayout(form: ApplicationForm = genericApplicationForm): BlankFormGroup[] {
  const keys = Object.keys(form.schema.properties);
  const ordered = [...form.ui.order.filter((k) => keys.includes(k)), ...keys.filter((k) => !form.ui.order.includes(k))];
  const fieldFor = (k: string) => fieldOf(k, form.schema.properties[k]!, form, form.schema.required.includes(k));
  const groups: BlankFormGroup[] = [];
  const loose = ordered.filter((k) => !form.ui.fields[k]?.group || !form.ui.groups.some((g) => g.key === form.ui.fields[k]!.group));
  if (loose.length) groups.push({ label: null, fields: loose.map(fieldFor) });
  for (const g of form.ui.groups) {
    const inGroup = ordered.filter((k) => form.ui.fields[k]?.group === g.key);
    if (inGroup.length) groups.push({ label: g.label.zh, fields: inGroup.map(fieldFor) });
  }
  return groups;
}

/** The blank form of a published implementation as a PDF: `{ filename, data }`. */
export async function blankFormPdf(ctx: Ctx, code: string): Promise<{ filename: string; data: Buffer }> {
  const db = ctx.database.db;
  const found = await findImplementation(db, code);
  if (!found || found.impl.publishedVersion == null) throw notFound('catalog implementation', code);
  const v = await findVersion(db, found.impl.id, found.impl.publishedVersion);
  if (!v) throw notFound('catalog guide version', code);
  const font = cjkFont(ctx.config);
  if (!font) throw new AppError('catalog.pdf_unavailable');
  const title = `${found.item.name}申请表`;
  const data = await renderBlankForm(await pdfmake(font), {
    title,
    department: found.impl.departmentName,
    code,
    version: v.version,
    groups: blankFormLayout(v.guide.applicationForm),
  });
  return { filename: `${title}.pdf`, data };
}

type Pm = Awaited<ReturnType<typeof pdfmake>>;
type Node = Record<string, unknown> | string;

function renderBlankForm(pm: Pm, f: { title: string; department: string; code: string; version: number; groups: BlankFormGroup[] }): Promise<Buffer> {
  const box = (lines: number): Node => ({ text: '\n'.repeat(Math.max(lines - 1, 0)) + ' ', margin: [0, 4, 0, 4] });
  const label = (x: BlankFormField): Node => ({
    stack: [{ text: [x.required ? { text: '* ', color: '#b00020' } : '', x.label] }, ...(x.help ? [{ text: x.help, fontSize: 8, color: '#555555' }] : [])],
  });
  const rows: unknown[][] = [];
  const tables: Node[] = [];
  const flush = () => {
    if (rows.length) tables.push({ table: { widths: [130, '*'], body: rows.splice(0) }, margin: [0, 0, 0, 10] });
  };
  for (const g of f.groups) {
    if (g.label) {
      flush();
      tables.push({ text: g.label, style: 'heading' });
    }
    for (const x of g.fields) {
      if (x.columns) {
        flush();
        tables.push(label(x), {
          table: {
            headerRows: 1,
            widths: x.columns.map(() => '*'),
            body: [x.columns.map((c) => ({ text: c, bold: true, fontSize: 9 })), ...Array.from({ length: x.lines }, () => x.columns!.map(() => ' '))],
          },
          margin: [0, 4, 0, 10],
        });
      } else rows.push([label(x), x.choices ? { text: x.choices.map((c) => `☐ ${c}`).join('    '), margin: [0, 4, 0, 4] } : box(x.lines)]);
    }
  }
  flush();
  const doc = {
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    info: { title: f.title, subject: f.code, creator: 'yiwang', producer: 'yiwang (pdfmake)' },
    defaultStyle: { font: 'cjk', fontSize: 10.5, lineHeight: 1.3 },
    styles: {
      title: { fontSize: 20, bold: true, alignment: 'center', margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 9, alignment: 'center', color: '#555555', margin: [0, 0, 0, 14] },
      heading: { fontSize: 12, bold: true, margin: [0, 8, 0, 6] },
    },
    content: [
      { text: f.title, style: 'title' },
      { text: `${f.department} · 事项编码 ${f.code} · 办事指南第 ${f.version} 版`, style: 'subtitle' },
      { text: '请用黑色或蓝色钢笔、签字笔填写，字迹清楚；带 * 的为必填项；勾选项请在 ☐ 内打 √。', fontSize: 9, margin: [0, 0, 0, 10] },
      ...tables,
      {
        margin: [0, 24, 0, 0],
        columns: [
          { text: '申请人（签字或盖章）：', width: '*' },
          { text: '日期：        年    月    日', width: 'auto' },
        ],
      },
      { text: '本人（单位）承诺所填内容及所附材料真实、有效，如有不实，愿承担相应法律责任。', fontSize: 9, margin: [0, 12, 0, 0] },
    ],
  };
  return pm.createPdf(doc).getBuffer();
}
