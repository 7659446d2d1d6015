/** Server-side localisation: pick zh-CN or en from Accept-Language; zh-CN is the default. */
export type Locale = 'zh-CN' | 'en';

export function pickLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'zh-CN';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: (tag ?? '').toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

/** Messages for field validation codes (zod issue codes and our own). */
const fieldMessages: Record<string, { zh: string; en: string }> = {
  required: { zh: '必填', en: 'Required' },
  invalid_type: { zh: '类型不正确', en: 'Wrong type' },
  too_small: { zh: '太短或太小', en: 'Too short or too small' },
  too_big: { zh: '太长或太大', en: 'Too long or too large' },
  invalid_format: { zh: '格式不正确', en: 'Invalid format' },
  invalid_value: { zh: '取值不在允许范围内', en: 'Value not allowed' },
  unrecognized_keys: { zh: '包含不允许的字段', en: 'Unknown fields' },
  custom: { zh: '内容不正确', en: 'Invalid value' },
  id_number: { zh: '居民身份证号码校验失败', en: 'Invalid citizen ID number' },
  uscc: { zh: '统一社会信用代码校验失败', en: 'Invalid unified social credit code' },
  duplicate: { zh: '已存在', en: 'Already exists' },
  not_found: { zh: '不存在', en: 'Does not exist' },
};

/** Adds field codes of a module (zh + en), e.g. why a password is too weak. */
export function registerFieldMessages(entries: Record<string, { zh: string; en: string }>): void {
  Object.assign(fieldMessages, entries);
}

export function fieldMessage(code: string, locale: Locale): string {
  const m = fieldMessages[code] ?? fieldMessages.custom!;
  return locale === 'en' ? m.en : m.zh;
}
