import { ApplicationForm, type ApplicationFormInput, type FormProperty, type PrefillBinding } from './schema.ts';

type Label = { zh: string; en: string };
interface FieldSpec {
  key: string;
  label: Label;
  prop: FormProperty;
  required?: boolean;
  group?: string;
  widget?: ApplicationForm['ui']['fields'][string]['widget'];
  help?: Label;
  prefill?: PrefillBinding;
  enumLabels?: Record<string, Label>;
  columns?: Record<string, { label: Label }>;
}

/** Builds a form of the subset from a list of fields (display order = list order). */
export function buildForm(fields: FieldSpec[], groups: { key: string; label: Label }[] = []): ApplicationForm {
  const input: ApplicationFormInput = {
    schema: {
      type: 'object',
      properties: Object.fromEntries(fields.map((f) => [f.key, f.prop])),
      required: fields.filter((f) => f.required).map((f) => f.key),
      additionalProperties: false,
    },
    ui: {
      order: fields.map((f) => f.key),
      groups,
      fields: Object.fromEntries(
        fields.map((f) => [
          f.key,
          {
            label: f.label,
            ...(f.help ? { help: f.help } : {}),
            ...(f.widget ? { widget: f.widget } : {}),
            ...(f.group ? { group: f.group } : {}),
            ...(f.prefill ? { prefill: f.prefill } : {}),
            ...(f.enumLabels ? { enumLabels: f.enumLabels } : {}),
            ...(f.columns ? { columns: f.columns } : {}),
          },
        ]),
      ),
    },
  };
  return ApplicationForm.parse(input);
}

type StringProp = Extract<FormProperty, { type: 'string' }>;
const str = (maxLength: number, extra: Partial<StringProp> = {}): StringProp => ({ type: 'string', maxLength, ...extra });
const phonePattern = '^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$';

const applicantGroup = { key: 'applicant', label: { zh: '申请人信息', en: 'Applicant' } };
const contactGroup = { key: 'contact', label: { zh: '联系方式', en: 'Contact' } };
const matterGroup = { key: 'matter', label: { zh: '申请事项', en: 'Application' } };

const contactPhone: FieldSpec = {
  key: 'contactPhone',
  label: { zh: '联系电话', en: 'Contact phone' },
  prop: str(20, { pattern: phonePattern }),
  required: true,
  group: 'contact',
  help: { zh: '手机号码或带区号的固定电话', en: 'Mobile number, or landline with area code' },
};
const contactAddress: FieldSpec = {
  key: 'contactAddress',
  label: { zh: '联系地址', en: 'Contact address' },
  prop: str(200),
  required: true,
  group: 'contact',
  prefill: 'applicant.address',
};
const remarks: FieldSpec = { key: 'remarks', label: { zh: '备注', en: 'Remarks' }, prop: str(500), widget: 'textarea', group: 'contact' };

/** The small form of an item whose guide defines none: contact phone, address, remarks. */
export const genericApplicationForm: ApplicationForm = buildForm(
  [
    { key: 'applicantName', label: { zh: '申请人', en: 'Applicant' }, prop: str(200), required: true, prefill: 'applicant.name', group: 'applicant' },
    contactPhone,
    contactAddress,
    remarks,
  ],
  [applicantGroup, contactGroup],
);

const foodBusiness = buildForm(
  [
    {
      key: 'operatorName',
      label: { zh: '经营者名称', en: 'Operator name' },
      prop: str(200),
      required: true,
      group: 'applicant',
      prefill: 'applicant.name',
      help: { zh: '与营业执照一致', en: 'As on the business licence' },
    },
    {
      key: 'uscc',
      label: { zh: '统一社会信用代码', en: 'Unified social credit code' },
      prop: str(18, { pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$' }),
      group: 'applicant',
      prefill: 'entity.uscc',
      help: { zh: '个体经营者可不填', en: 'Optional for individuals' },
    },
    {
      key: 'legalRepresentative',
      label: { zh: '法定代表人（负责人）', en: 'Legal representative' },
      prop: str(50),
      required: true,
      group: 'applicant',
      prefill: 'entity.legalRepresentative',
    },
    { key: 'premises', label: { zh: '经营场所', en: 'Business premises' }, prop: str(200), required: true, group: 'matter', prefill: 'applicant.address' },
    {
      key: 'businessForm',
      label: { zh: '主体业态', en: 'Business form' },
      prop: { type: 'string', enum: ['食品销售经营者', '餐饮服务经营者', '单位食堂', '小餐饮'] },
      required: true,
      group: 'matter',
      widget: 'radio',
      enumLabels: {
        食品销售经营者: { zh: '食品销售经营者', en: 'Food retailer' },
        餐饮服务经营者: { zh: '餐饮服务经营者', en: 'Catering' },
        单位食堂: { zh: '单位食堂', en: 'Canteen' },
        小餐饮: { zh: '小餐饮', en: 'Small eatery' },
      },
    },
    {
      key: 'areaSqm',
      label: { zh: '经营面积（平方米）', en: 'Floor area (m²)' },
      prop: { type: 'number', minimum: 1, maximum: 100000 },
      required: true,
      group: 'matter',
    },
    { key: 'sellsOnline', label: { zh: '是否网络经营', en: 'Sells online' }, prop: { type: 'boolean' }, group: 'matter' },
    { key: 'safetyManager', label: { zh: '食品安全管理人员', en: 'Food safety manager' }, prop: str(50), required: true, group: 'matter' },
    contactPhone,
    remarks,
  ],
  [applicantGroup, matterGroup, contactGroup],
);

const foodProduction = buildForm(
  [
    { key: 'producerName', label: { zh: '生产者名称', en: 'Producer name' }, prop: str(200), required: true, group: 'applicant', prefill: 'entity.name' },
    {
      key: 'uscc',
      label: { zh: '统一社会信用代码', en: 'Unified social credit code' },
      prop: str(18, { pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$' }),
      required: true,
      group: 'applicant',
      prefill: 'entity.uscc',
    },
    {
      key: 'legalRepresentative',
      label: { zh: '法定代表人', en: 'Legal representative' },
      prop: str(50),
      required: true,
      group: 'applicant',
      prefill: 'entity.legalRepresentative',
    },
    { key: 'productionAddress', label: { zh: '生产地址', en: 'Production address' }, prop: str(200), required: true, group: 'matter' },
    {
      key: 'categories',
      label: { zh: '申请食品类别', en: 'Food categories' },
      prop: {
        type: 'array',
        minItems: 1,
        maxItems: 20,
        items: { type: 'object', properties: { category: str(50), detail: str(200) }, required: ['category'], additionalProperties: false },
      },
      required: true,
      group: 'matter',
      widget: 'table',
      columns: { category: { label: { zh: '类别', en: 'Category' } }, detail: { label: { zh: '品种明细', en: 'Products' } } },
    },
    { key: 'plannedStart', label: { zh: '计划投产日期', en: 'Planned start' }, prop: { type: 'string', format: 'date' }, group: 'matter', widget: 'date' },
    contactPhone,
    remarks,
  ],
  [applicantGroup, matterGroup, contactGroup],
);

const soleTrader = buildForm(
  [
    { key: 'operatorName', label: { zh: '经营者姓名', en: 'Operator' }, prop: str(50), required: true, group: 'applicant', prefill: 'applicant.name' },
    { key: 'idNumber', label: { zh: '身份证号码', en: 'ID number' }, prop: str(18), required: true, group: 'applicant', prefill: 'applicant.idNumber' },
    {
      key: 'tradeName',
      label: { zh: '个体工商户名称', en: 'Trade name' },
      prop: str(100),
      group: 'matter',
      help: { zh: '可以不使用名称', en: 'A name is optional' },
    },
    { key: 'businessScope', label: { zh: '经营范围', en: 'Business scope' }, prop: str(500), required: true, widget: 'textarea', group: 'matter' },
    { key: 'premises', label: { zh: '经营场所', en: 'Premises' }, prop: str(200), required: true, group: 'matter', prefill: 'applicant.address' },
    { key: 'capital', label: { zh: '资金数额（万元）', en: 'Capital (10k yuan)' }, prop: { type: 'number', minimum: 0, maximum: 100000 }, group: 'matter' },
    { key: 'employees', label: { zh: '从业人数', en: 'Employees' }, prop: { type: 'integer', minimum: 0, maximum: 1000 }, group: 'matter' },
    contactPhone,
  ],
  [applicantGroup, matterGroup, contactGroup],
);

const flexibleInsurance = buildForm(
  [
    { key: 'name', label: { zh: '姓名', en: 'Name' }, prop: str(50), required: true, group: 'applicant', prefill: 'applicant.name' },
    { key: 'idNumber', label: { zh: '身份证号码', en: 'ID number' }, prop: str(18), required: true, group: 'applicant', prefill: 'applicant.idNumber' },
    {
      key: 'insurances',
      label: { zh: '参保险种', en: 'Insurance' },
      prop: { type: 'string', enum: ['pension', 'medical', 'pension_and_medical'] },
      required: true,
      group: 'matter',
      widget: 'radio',
      enumLabels: {
        pension: { zh: '职工基本养老保险', en: 'Basic pension' },
        medical: { zh: '职工基本医疗保险', en: 'Basic medical' },
        pension_and_medical: { zh: '养老和医疗保险', en: 'Pension and medical' },
      },
    },
    {
      key: 'baseLevel',
      label: { zh: '缴费档次（%）', en: 'Contribution level (%)' },
      prop: { type: 'integer', enum: [60, 80, 100, 150, 200, 300] },
      required: true,
      group: 'matter',
      widget: 'select',
    },
    {
      key: 'startMonth',
      label: { zh: '参保起始日期', en: 'Start date' },
      prop: { type: 'string', format: 'date' },
      required: true,
      group: 'matter',
      widget: 'date',
    },
    contactPhone,
    contactAddress,
  ],
  [applicantGroup, matterGroup, contactGroup],
);

const unemployment = buildForm(
  [
    { key: 'name', label: { zh: '姓名', en: 'Name' }, prop: str(50), required: true, group: 'applicant', prefill: 'applicant.name' },
    { key: 'idNumber', label: { zh: '身份证号码', en: 'ID number' }, prop: str(18), required: true, group: 'applicant', prefill: 'applicant.idNumber' },
    { key: 'lastEmployer', label: { zh: '原工作单位', en: 'Last employer' }, prop: str(200), required: true, group: 'matter' },
    {
      key: 'separationDate',
      label: { zh: '劳动合同终止（解除）日期', en: 'Contract ended on' },
      prop: { type: 'string', format: 'date' },
      required: true,
      group: 'matter',
      widget: 'date',
    },
    {
      key: 'insuredYears',
      label: { zh: '累计缴费年限', en: 'Years contributed' },
      prop: { type: 'integer', minimum: 1, maximum: 50 },
      required: true,
      group: 'matter',
    },
    {
      key: 'bankAccount',
      label: { zh: '社会保障卡金融账户', en: 'Social security card account' },
      prop: str(30, { pattern: '^\\d{12,30}$' }),
      required: true,
      group: 'matter',
    },
    contactPhone,
    contactAddress,
  ],
  [applicantGroup, matterGroup, contactGroup],
);

const marriage = buildForm(
  [
    { key: 'name', label: { zh: '本人姓名', en: 'Your name' }, prop: str(50), required: true, group: 'applicant', prefill: 'applicant.name' },
    {
      key: 'idNumber',
      label: { zh: '本人身份证号码', en: 'Your ID number' },
      prop: str(18),
      required: true,
      group: 'applicant',
      prefill: 'applicant.idNumber',
    },
    { key: 'partnerName', label: { zh: '对方姓名', en: "Partner's name" }, prop: str(50), required: true, group: 'matter' },
    {
      key: 'partnerIdNumber',
      label: { zh: '对方身份证号码', en: "Partner's ID number" },
      prop: str(18, { pattern: '^\\d{17}[\\dX]$' }),
      required: true,
      group: 'matter',
    },
    {
      key: 'appointmentDate',
      label: { zh: '预约登记日期', en: 'Appointment date' },
      prop: { type: 'string', format: 'date' },
      required: true,
      group: 'matter',
      widget: 'date',
    },
    contactPhone,
  ],
  [applicantGroup, matterGroup, contactGroup],
);

/** Demo application forms by item name (the other demo items get the generic form). */
export const demoApplicationForms: Record<string, ApplicationForm> = {
  食品经营许可: foodBusiness,
  食品生产许可: foodProduction,
  个体工商户设立登记: soleTrader,
  灵活就业人员参保登记: flexibleInsurance,
  失业保险金申领: unemployment,
  内地居民结婚登记: marriage,
};

export function demoApplicationForm(itemName: string): ApplicationForm | undefined {
  return demoApplicationForms[itemName];
}
